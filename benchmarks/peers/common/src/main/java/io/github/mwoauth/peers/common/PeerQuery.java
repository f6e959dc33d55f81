package io.github.mwoauth.peers.common;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The demo's {@code /test_query} call, the same form for every peer. */
public final class PeerQuery {

    private PeerQuery() {
    }

    /** {@code list=usercontribs} of {@code name}, 50 at most, JSON format version 2 (what the library sends). */
    public static MultiValueMap<String, String> usercontribs(String name) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("action", "query");
        form.add("list", "usercontribs");
        form.add("ucuser", name);
        form.add("uclimit", "50");
        form.add("format", "json");
        form.add("formatversion", "2");
        return form;
    }
}

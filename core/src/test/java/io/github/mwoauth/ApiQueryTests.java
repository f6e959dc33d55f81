package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.mwoauth.http.Parameter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiQueryTests {

    @Test
    void toParametersWhenQueryThenFormatJsonAddedAndCallerMapUntouched() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("action", "query");
        query.put("meta", "userinfo");
        Map<String, Object> before = new HashMap<>(query);

        assertThat(ApiQuery.toParameters(query)).containsExactly(Parameter.of("action", "query"),
                Parameter.of("meta", "userinfo"), Parameter.of("format", "json"));
        assertThat(query).isEqualTo(before);
    }

    @Test
    void toParametersWhenFormatMapsToNullThenFormatJsonStillSent() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("action", "query");
        query.put("format", null);

        // a wiki answers a request without format with the jsonfm HTML page, which the client cannot decode
        assertThat(ApiQuery.toParameters(query)).containsExactly(Parameter.of("action", "query"),
                Parameter.of("format", "json"));
    }

    @Test
    void toParametersWhenTypedValuesThenMediaWikiConventions() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("uclimit", 50);
        query.put("minor", true);
        query.put("bot", false);
        query.put("skipped", null);
        query.put("list", List.of("usercontribs", "recentchanges"));
        query.put("titles", List.of("A|B", "C"));
        query.put("format", "json");

        assertThat(ApiQuery.toParameters(query)).containsExactly(Parameter.of("uclimit", "50"),
                Parameter.of("minor", ""), Parameter.of("list", "usercontribs|recentchanges"),
                Parameter.of("titles", "\u001FA|B\u001FC"), Parameter.of("format", "json"));
    }

    @Test
    void toParametersWhenOtherFormatThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiQuery.toParameters(Map.of("format", "xml")));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiQuery.toParameters(Map.of("x", new Object())));
    }

    @Test
    void byteSizeCountsUtf8Bytes() {
        assertThat(ApiQuery.byteSize(List.of(Parameter.of("text", "é"), Parameter.of("a", "bc")))).isEqualTo(9);
    }
}

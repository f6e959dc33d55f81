package io.github.mwoauth.testkit;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What api.php tells about files: {@code prop=imageinfo} of published files, {@code prop=stashimageinfo} of
 * stashed ones, the {@code imageinfo} objects of upload answers, and siteinfo's upload limits.
 */
final class UploadQueries {

    private final WikiState state;
    private final WikiFiles files;
    private final UploadStash stash;
    private final UploadLimits limits;
    private final String server;

    UploadQueries(WikiState state, WikiFiles files, UploadStash stash, UploadLimits limits, String server) {
        this.state = state;
        this.files = files;
        this.stash = stash;
        this.limits = limits;
        this.server = server;
    }

    /** Siteinfo's {@code maxuploadsize}, {@code minuploadchunksize} and {@code uploadsenabled}. */
    void siteinfo(ObjectNode general, boolean v2) {
        general.put("maxuploadsize", limits.maxUploadSize());
        general.put("minuploadchunksize", limits.minUploadChunkSize());
        if (v2) {
            general.put("uploadsenabled", limits.enabled());
        } else if (limits.enabled()) {
            general.put("uploadsenabled", "");
        }
        limits.fileExtensions().forEach(e -> general.withArray("fileextensions").addObject().put("ext", e));
    }

    /**
     * The {@code prop} modules of {@code action=query} about files, added to {@code query}; an error instead when
     * one cannot answer.
     */
    @Nullable UploadProblem props(WikiRequest request, boolean v2, WikiState.@Nullable UserState user,
            ObjectNode query) {
        for (String prop : split(request.param("prop"))) {
            if (prop.equals("stashimageinfo")) {
                if (user == null) {
                    return new UploadProblem("notloggedin", "The upload stash is only available to logged-in users.");
                }
                ArrayNode out = query.putArray("stashimageinfo");
                String keys = request.param("siifilekey", request.param("siisessionkey", ""));
                for (String key : split(keys)) {
                    UploadStash.Entry e = stash.get(key, user.base.id());
                    if (e == null || e.receiving()) {
                        return new UploadProblem("uploadstash-file-not-found", "Key \"" + key + "\" not found in stash.");
                    }
                    stashed(out.addObject(), e);
                }
            } else if (prop.equals("imageinfo")) {
                imageinfo(request, v2, query);
            }
        }
        return null;
    }

    private void imageinfo(WikiRequest request, boolean v2, ObjectNode query) {
        ObjectNode byId = v2 ? null : query.putObject("pages");
        ArrayNode list = v2 ? query.putArray("pages") : null;
        int missing = -1;
        for (String title : split(request.param("titles"))) {
            String dbKey = dbKey(title);
            List<WikiFiles.Version> versions = files.versions(dbKey);
            ObjectNode page = v2 ? list.addObject() : byId.putObject(versions.isEmpty()
                    ? Integer.toString(missing--) : Long.toString(pageId(dbKey)));
            WikiState.Page described = state.page("File:" + dbKey.replace('_', ' '));
            if (!versions.isEmpty()) {
                page.put("pageid", described == null ? 0 : described.pageId());
            }
            page.put("ns", 6);
            page.put("title", "File:" + dbKey.replace('_', ' '));
            if (versions.isEmpty()) {
                if (v2) {
                    page.put("missing", true);
                } else {
                    page.put("missing", "");
                }
                page.put("imagerepository", "");
                continue;
            }
            page.put("imagerepository", "local");
            published(page.putArray("imageinfo").addObject(), dbKey, versions.get(0), versions.size() > 1);
        }
    }

    private long pageId(String dbKey) {
        WikiState.Page page = state.page("File:" + dbKey.replace('_', ' '));
        return page == null ? 0 : page.pageId();
    }

    /** The {@code imageinfo} of a published version. */
    void published(ObjectNode info, String dbKey, WikiFiles.Version v, boolean overwritten) {
        info.put("timestamp", Texts.isoTimestamp(v.timestamp()));
        info.put("user", v.user());
        info.put("userid", v.userId());
        info.put("size", v.size());
        info.put("width", v.width());
        info.put("height", v.height());
        info.put("parsedcomment", Texts.html(v.comment()));
        info.put("comment", v.comment());
        info.put("canonicaltitle", "File:" + dbKey.replace('_', ' '));
        info.put("url", server + "/w/images/" + WikiFiles.hashedPath(dbKey));
        info.put("descriptionurl", server + "/w/index.php/File:" + dbKey);
        if (overwritten) {
            info.put("descriptionshorturl", server + "/w/index.php?curid=" + pageId(dbKey));
        }
        info.put("sha1", v.sha1());
        info.put("mime", v.mime());
        info.put("mediatype", new UploadVerification.Detected(v.mime(), 0, 0).mediatype());
    }

    /** The {@code imageinfo} of a stashed file (last chunk's answer) and {@code stashimageinfo}'s entries. */
    void stashed(ObjectNode info, UploadStash.Entry e) {
        UploadVerification.Detected d = UploadVerification.detect(e.prefix);
        info.put("timestamp", Texts.isoTimestamp(e.created));
        info.put("size", e.size());
        info.put("width", d.width());
        info.put("height", d.height());
        info.put("url", server + "/w/index.php/Special:UploadStash/file/" + e.key);
        info.put("descriptionurl", server + "/w/index.php/Special:UploadStash/file/" + e.key);
        info.put("sha1", e.sha1());
        info.put("mime", d.mime());
    }

    /** The DB key of a file title: namespace dropped, spaces as underscores, first letter upper-cased. */
    static String dbKey(String title) {
        String name = title.strip();
        int colon = name.indexOf(':');
        if (colon > 0 && List.of("file", "image").contains(name.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
            name = name.substring(colon + 1).strip();
        }
        name = name.replace(' ', '_');
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    static List<String> split(@Nullable String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split("\\|"));
    }
}

package io.github.mwoauth.testkit;

import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code action=upload} as MediaWiki 1.39 answers it: the checks in the wiki's order (token, uploads enabled,
 * logged in, the {@code upload} right from the grants, the parameters), plain uploads, commits from the stash,
 * warnings and {@code ignorewarnings}, publishing with its same-second archive clash. Chunks are
 * {@link ChunkedUploads}' part.
 */
final class UploadHandler {

    private final ApiPhp api;
    private final WikiState state;
    private final WikiUploads uploads;
    private final ChunkedUploads chunks;

    UploadHandler(ApiPhp api, WikiState state, WikiUploads uploads) {
        this.api = api;
        this.state = state;
        this.uploads = uploads;
        this.chunks = new ChunkedUploads(this, state, uploads);
    }

    WikiResponse handle(WikiRequest request, ApiPhp.Format format, ApiPhp.Caller caller, ObjectNode root) {
        try {
            upload(request, format.v2(), caller, root);
            return api.ok(format, root);
        } catch (UploadProblem p) {
            return api.error(format, p.code, p.info, p.extra);
        }
    }

    void siteinfo(ObjectNode general, boolean v2) {
        uploads.queries().siteinfo(general, v2);
    }

    /** {@code prop=stashimageinfo|imageinfo} for {@code action=query}: an error answer or {@code null}. */
    @Nullable WikiResponse props(WikiRequest request, ApiPhp.Format format, ApiPhp.Caller caller, ObjectNode query) {
        UploadProblem p = uploads.queries().props(request, format.v2(), caller.user(), query);
        return p == null ? null : api.error(format, p.code, p.info, p.extra);
    }

    private void upload(WikiRequest request, boolean v2, ApiPhp.Caller caller, ObjectNode root) {
        if (!request.isPost()) {
            throw new UploadProblem("mustbeposted", "The \"upload\" module requires a POST request.");
        }
        if (request.query().stream().anyMatch(p -> p.name().equals("token"))) {
            throw new UploadProblem("mustpostparams", "The following parameter was found in the query string, but "
                    + "must be in the POST body: token.");
        }
        String token = request.param("token");
        if (token == null) {
            throw new UploadProblem("missingparam", "The \"token\" parameter must be set.");
        }
        if (!token.equals(caller.csrfToken())) {
            throw new UploadProblem("badtoken", "Invalid CSRF token.");
        }
        if (!uploads.limits().enabled()) {
            throw new UploadProblem("uploaddisabled", "Uploads disabled.");
        }
        WikiState.UserState user = caller.user();
        if (user == null) {
            throw new UploadProblem("mustbeloggedin", "You must be logged in to upload this file.");
        }
        if (request.param("checkstatus") != null) {
            chunks.status(request, user, root);
            return;
        }
        ReceivedFile file = request.file("file");
        if (request.param("url") != null) {
            throw file != null ? new UploadProblem("invalidparammix", "The parameters \"file\" and \"url\" can not be "
                    + "used together.") : new UploadProblem("copyuploaddisabled", "Upload by URL disabled.");
        }
        if (file == null && request.param("file") != null) {
            throw new UploadProblem("badupload", "File upload parameter \"file\" is not a file upload; be sure to use "
                    + "multipart/form-data for your POST and include a filename in the Content-Disposition header.");
        }
        ReceivedFile chunk = request.file("chunk");
        String filekey = request.param("filekey", request.param("sessionkey"));
        if (file == null && chunk == null && filekey == null) {
            throw new UploadProblem("missingparam", "One of the parameters \"filekey\", \"file\" and \"url\" is "
                    + "required.");
        }
        if (!caller.rights().contains("upload")) {
            throw new UploadProblem("permissiondenied", "The action you have requested is limited to users in one of "
                    + "the groups: [[LocalWiki:Users|Users]], [[LocalWiki:Administrators|Administrators]].");
        }
        String desired = request.param("filename");
        if (desired == null) {
            throw new UploadProblem("nofilename", "The \"filename\" parameter must be set.");
        }
        if (file != null) {
            plain(request, v2, user, file, desired, root);
        } else if (chunk != null) {
            chunks.chunk(request, v2, user, chunk, desired, root);
        } else {
            commit(request, v2, user, filekey, desired, root);
        }
    }

    private void plain(WikiRequest request, boolean v2, WikiState.UserState user, ReceivedFile file, String desired,
            ObjectNode root) {
        if (file.tooLarge()) {
            throw tooLarge("file", uploads.limits().phpUploadMaxFilesize());
        }
        if (request.param("async") != null && uploads.limits().asyncUploads()) {
            throw new UploadProblem("cannot-async-upload-file", "The parameters \"async\" and \"file\" cannot be "
                    + "combined. If you want asynchronous processing of your uploaded file, first upload it to stash "
                    + "(using the \"stash\" parameter) and then publish the stashed file asynchronously (using "
                    + "\"filekey\" and \"async\").");
        }
        if (file.size() == 0) {
            throw new UploadProblem("empty-file", "The file you submitted was empty.");
        }
        if (file.size() > uploads.limits().maxUploadSize()) {
            throw new UploadProblem("file-too-large", "The file you submitted was too large.");
        }
        UploadVerification.Detected detected = UploadVerification.detect(file.prefix());
        MessageDigest digest = file.ownDigest();
        if (digest == null) {
            throw new UploadProblem("stashfailed", "This file did not pass file verification.");
        }
        UploadVerification.Name name = named(desired, detected, () -> stash(user, desired, file.prefix(), digest,
                file.size()));
        UploadVerification.extension(name, uploads.limits().fileExtensions());
        UploadVerification.content(name, detected);
        finish(request, v2, user, name, stash(user, name.extension(), file.prefix(), digest, file.size()), root,
                request.param("stash") != null);
    }

    private void commit(WikiRequest request, boolean v2, WikiState.UserState user, String filekey, String desired,
            ObjectNode root) {
        UploadStash.Entry entry = uploads.stash().get(filekey, user.base.id());
        if (entry == null || entry.receiving() || entry.job == UploadStash.Job.ASSEMBLE) {
            throw new UploadProblem("uploadstash-file-not-found", "Key \"" + filekey + "\" not found in stash.");
        }
        if (entry.job == UploadStash.Job.PUBLISH) {
            throw new UploadProblem("publishfailed", "Upload from stash already in progress.");
        }
        UploadVerification.Detected detected = UploadVerification.detect(entry.prefix);
        UploadVerification.Name name = named(desired, detected, null);
        UploadVerification.extension(name, uploads.limits().fileExtensions());
        UploadVerification.content(name, detected);
        finish(request, v2, user, name, entry, root, false);
    }

    /**
     * After the checks: a {@code Warning} (the file stays in the stash under a new key), the stash key
     * ({@code stash=1}), a queued publish ({@code async=1} on a wiki with async uploads) or the published file.
     */
    private void finish(WikiRequest request, boolean v2, WikiState.UserState user, UploadVerification.Name name,
            UploadStash.Entry entry, ObjectNode root, boolean stashOnly) {
        ObjectNode warnings = warnings(name, entry.sha1(), root);
        boolean ignore = request.param("ignorewarnings") != null;
        ObjectNode upload = root.putObject("upload");
        if (!warnings.isEmpty() && !ignore) {
            UploadStash.Entry kept = uploads.stash().put(user.base.id(), entry.extension, entry.prefix, entry.digest(),
                    entry.size(), false, state.now());
            uploads.stash().remove(entry.key);
            upload.put("result", "Warning").set("warnings", warnings);
            upload.put("filekey", kept.key).put("sessionkey", kept.key);
            return;
        }
        if (stashOnly) {
            upload.put("result", "Success").put("filekey", entry.key).put("sessionkey", entry.key);
            if (!warnings.isEmpty()) {
                upload.set("warnings", warnings);
            }
            return;
        }
        if (request.param("async") != null && uploads.limits().asyncUploads()) {
            entry.job = UploadStash.Job.PUBLISH;
            entry.publishName = name.dbKey();
            entry.publishComment = request.param("comment", "");
            entry.publishText = request.param("text");
            upload.put("result", "Poll").put("stage", "queued").put("filename", name.dbKey());
            return;
        }
        publish(user, name.dbKey(), entry, request.param("comment", ""), request.param("text"), upload,
                ignore ? warnings : null);
    }

    /** Publishes a stashed file as {@code dbKey}: the version, the description page, the answer. */
    void publish(WikiState.UserState user, String dbKey, UploadStash.Entry entry, String comment, @Nullable String text,
            ObjectNode upload, @Nullable ObjectNode warnings) {
        String sha1 = entry.sha1();
        WikiFiles.Version current = WikiFiles.current(uploads.files().versions(dbKey));
        String title = "File:" + dbKey.replace('_', ' ');
        if (current != null && current.sha1().equals(sha1)) {
            throw new UploadProblem("fileexists-no-change", "The upload is an exact duplicate of the current version "
                    + "of [[:" + title + "]].");
        }
        UploadVerification.Detected d = UploadVerification.detect(entry.prefix);
        WikiFiles.Version version = new WikiFiles.Version(sha1, entry.size(), d.mime(), d.width(), d.height(),
                state.now(), user.base.name(), user.base.id(), comment);
        boolean existed;
        try {
            existed = uploads.files().publish(dbKey, version);
        } catch (WikiFiles.ArchiveNameTaken e) {
            throw new UploadProblem("backend-fail-alreadyexists", "The file \"" + e.getMessage() + "\" already exists.");
        }
        uploads.stash().remove(entry.key);
        if (!existed) {
            state.edit(user, title, text != null ? text : comment, comment);
        }
        upload.put("result", "Success").put("filename", dbKey);
        if (warnings != null && !warnings.isEmpty()) {
            upload.set("warnings", warnings);
        }
        uploads.queries().published(upload.putObject("imageinfo"), dbKey, version, existed);
    }

    /** The warnings of publishing a file with {@code sha1} as {@code name}. */
    ObjectNode warnings(UploadVerification.Name name, String sha1, ObjectNode root) {
        ObjectNode w = root.objectNode();
        nameWarnings(name, w);
        List<String> duplicates = uploads.files().withCurrentSha1(sha1).stream()
                .filter(n -> !n.equals(name.dbKey())).toList();
        if (!duplicates.isEmpty()) {
            duplicates.forEach(w.putArray("duplicate")::add);
        }
        List<WikiFiles.Version> versions = uploads.files().versions(name.dbKey());
        if (!versions.isEmpty() && versions.get(0).sha1().equals(sha1)) {
            w.putObject("nochange").put("timestamp", Texts.isoTimestamp(versions.get(0).timestamp()));
        }
        versions.stream().skip(1).filter(v -> v.sha1().equals(sha1)).forEach(v ->
                w.withArray("duplicateversions").addObject().put("timestamp", Texts.isoTimestamp(v.timestamp())));
        return w;
    }

    /** The warnings the name alone raises, which chunks meet too: {@code badfilename}, {@code exists}. */
    void nameWarnings(UploadVerification.Name name, ObjectNode w) {
        if (name.rewritten()) {
            w.put("badfilename", name.dbKey());
        }
        if (!uploads.files().versions(name.dbKey()).isEmpty()) {
            w.put("exists", name.dbKey());
        }
    }

    /**
     * The stored name for {@code desired}; the recoverable name errors carry the key of a stashed copy, made by
     * {@code stashCopy}, for a commit under a better name.
     */
    static UploadVerification.Name named(String desired, UploadVerification.Detected detected,
            java.util.function.@Nullable Supplier<UploadStash.Entry> stashCopy) {
        try {
            return UploadVerification.name(desired, detected);
        } catch (UploadProblem p) {
            if (stashCopy == null || p.code.equals("filename-toolong")) {
                throw p;
            }
            UploadStash.Entry copy = stashCopy.get();
            throw new UploadProblem(p.code, p.info, e -> {
                if (p.extra != null) {
                    p.extra.accept(e);
                }
                e.put("invalidparameter", "filename");
                e.put("filekey", copy.key);
                e.put("sessionkey", copy.key);
            });
        }
    }

    UploadStash.Entry stash(WikiState.UserState user, String nameOrExtension, byte[] prefix, MessageDigest digest,
            long size) {
        int dot = nameOrExtension.lastIndexOf('.');
        String extension = dot < 0 ? nameOrExtension : nameOrExtension.substring(dot + 1);
        return uploads.stash().put(user.base.id(), extension, prefix, ReceivedFile.clone(digest), size, false,
                state.now());
    }

    static UploadProblem tooLarge(String field, long limit) {
        return new UploadProblem("badupload", "The uploaded file for \"" + field + "\" exceeds the server's maximum of "
                + UploadLimits.phpSize(limit) + ".", e -> e.put("size", limit));
    }
}

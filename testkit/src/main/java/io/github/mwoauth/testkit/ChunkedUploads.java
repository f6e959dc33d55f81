package io.github.mwoauth.testkit;

import java.security.MessageDigest;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chunked uploads ({@code stash=1}, {@code filesize}, {@code offset}, {@code filekey}, a {@code chunk} part) and
 * {@code checkstatus}, with the traps of the real wiki: warnings checked on every chunk (a chunk without
 * {@code ignorewarnings} is stashed alone and not added), {@code filesize} clamped to {@code $wgMaxUploadSize}
 * with a mere warning, a new key after the last chunk, the server's offset as a string in "Invalid chunk offset".
 * With async uploads on, the last chunk and the commit queue a job that the job runner picks up at the next
 * {@code checkstatus} and finishes by the one after.
 */
final class ChunkedUploads {

    private final UploadHandler handler;
    private final WikiState state;
    private final WikiUploads uploads;

    ChunkedUploads(UploadHandler handler, WikiState state, WikiUploads uploads) {
        this.handler = handler;
        this.state = state;
        this.uploads = uploads;
    }

    void chunk(WikiRequest request, boolean v2, WikiState.UserState user, ReceivedFile chunk, String desired,
            ObjectNode root) {
        String sizeText = request.param("filesize");
        if (sizeText == null) {
            throw new UploadProblem("missingparam", "The \"filesize\" parameter must be set.");
        }
        long filesize = integer("filesize", sizeText);
        long max = uploads.limits().maxUploadSize();
        if (filesize > max || filesize < 0) {
            root.withObject("warnings").withObject("upload").put(v2 ? "warnings" : "*", "The value \"" + sizeText
                    + "\" for parameter \"filesize\" must be between 0 and " + String.format(Locale.US, "%,d", max) + ".");
            filesize = Math.max(0, Math.min(filesize, max));
        }
        long offset = integer("offset", request.param("offset", "0"));
        String key = request.param("filekey");
        if (offset == 0 && key != null) {
            throw new UploadProblem("filekeynotallowed", "Cannot supply a \"filekey\" when \"offset\" is 0.");
        }
        if (offset > 0 && key == null) {
            throw new UploadProblem("filekeyneeded", "Must supply a \"filekey\" when \"offset\" is non-zero.");
        }
        if (chunk.tooLarge()) {
            throw UploadHandler.tooLarge("chunk", uploads.limits().phpUploadMaxFilesize());
        }
        UploadVerification.Name name = offset == 0 ? firstChunkName(desired, chunk) : laterChunkName(desired);
        boolean ignore = request.param("ignorewarnings") != null;
        ObjectNode warnings = root.objectNode();
        if (name != null) {
            handler.nameWarnings(name, warnings);
        }
        if (!warnings.isEmpty() && !ignore) {
            MessageDigest own = chunk.ownDigest();
            UploadStash.Entry alone = handler.stash(user, name.extension(), chunk.prefix(),
                    own != null ? own : ReceivedFile.sha1(), chunk.size());
            root.putObject("upload").put("result", "Warning").<ObjectNode>set("warnings", warnings)
                    .put("filekey", alone.key).put("sessionkey", alone.key);
            return;
        }
        UploadStash.Entry session = offset == 0 ? null : uploads.stash().get(key, user.base.id());
        if (offset > 0) {
            if (session == null) {
                throw new UploadProblem("uploadstash-file-not-found", "Key \"" + key + "\" not found in stash.");
            }
            if (!session.receiving()) {
                throw new UploadProblem("stashfailed", "No chunked upload session with this key.");
            }
            if (session.size() != offset) {
                throw invalidOffset(session.size());
            }
        }
        if (offset + chunk.size() > filesize) {
            throw new UploadProblem("invalid-chunk", "Offset plus current chunk is greater than claimed file size.");
        }
        boolean last = offset + chunk.size() == filesize;
        int min = uploads.limits().minUploadChunkSize();
        if (!last && chunk.size() < min) {
            throw new UploadProblem("chunk-too-small", "Minimum chunk size is " + String.format(Locale.US, "%,d", min)
                    + " bytes for non-final chunks.");
        }
        if (session == null) {
            MessageDigest own = chunk.ownDigest();
            if (own == null) {
                throw new UploadProblem("stashfailed", "This file did not pass file verification.");
            }
            session = uploads.stash().put(user.base.id(), name == null ? "bin" : name.extension(), chunk.prefix(),
                    own, chunk.size(), true, state.now());
        } else {
            MessageDigest continued = chunk.continuing(session.key, offset, session.digest());
            if (continued == null || !session.append(offset, continued, chunk.size())) {
                throw invalidOffset(session.size());
            }
        }
        ObjectNode upload = root.putObject("upload");
        if (!warnings.isEmpty()) {
            upload.set("warnings", warnings);
        }
        if (!last) {
            upload.put("result", "Continue").put("offset", session.size()).put("filekey", session.key);
            return;
        }
        session.finish();
        if (request.param("async") != null && uploads.limits().asyncUploads()) {
            session.job = UploadStash.Job.ASSEMBLE;
            upload.put("result", "Poll").put("stage", "queued").put("filekey", session.key);
            return;
        }
        assemble(session, user, name, upload);
    }

    /** The last chunk's work: the assembled file under a new key, the content warnings, its stash imageinfo. */
    private void assemble(UploadStash.Entry session, WikiState.UserState user,
            UploadVerification.@org.jspecify.annotations.Nullable Name name,
            ObjectNode upload) {
        UploadStash.Entry done = uploads.stash().put(user.base.id(), session.extension, session.prefix,
                session.digest(), session.size(), false, state.now());
        uploads.stash().remove(session.key);
        if (name != null) {
            ObjectNode content = handler.warnings(name, done.sha1(), upload);
            content.remove("badfilename");
            content.remove("exists");
            content.remove("nochange");
            if (!content.isEmpty()) {
                upload.set("warnings", content);
            }
        }
        upload.put("result", "Success").put("filekey", done.key);
        uploads.queries().stashed(upload.putObject("imageinfo"), done);
        session.assembledKey = done.key;
    }

    /** {@code checkstatus=1&filekey=K}: a session in progress, a queued job, a finished job's answer. */
    void status(WikiRequest request, WikiState.UserState user, ObjectNode root) {
        String key = request.param("filekey", "");
        UploadStash.Entry e = uploads.stash().get(key, user.base.id());
        if (e == null) {
            e = uploads.stash().peekFinished(key, user.base.id());
        }
        if (e != null && e.receiving()) {
            root.putObject("upload").put("result", "Continue").put("stage", "uploading").put("offset", e.size());
            return;
        }
        if (e != null && e.status == null && e.job != UploadStash.Job.NONE) {
            if (!e.jobStarted) {
                e.jobStarted = true;
                root.putObject("upload").put("result", "Poll").put("stage", "queued");
                return;
            }
            ObjectNode upload = root.objectNode();
            if (e.job == UploadStash.Job.ASSEMBLE) {
                assemble(e, user, null, upload);
                upload.put("stage", "assembling");
            } else {
                handler.publish(user, e.publishName, e, e.publishComment == null ? "" : e.publishComment,
                        e.publishText, upload, null);
                upload.put("stage", "publish");
            }
            e.status = upload;
            uploads.stash().keepFinished(e);
        }
        if (e == null || e.status == null) {
            throw new UploadProblem("missingresult", "No result in status data.");
        }
        root.set("upload", e.status.deepCopy());
    }

    private UploadVerification.Name firstChunkName(String desired, ReceivedFile chunk) {
        UploadVerification.Detected detected = UploadVerification.detect(chunk.prefix());
        UploadVerification.Name name;
        try {
            name = UploadVerification.name(desired, detected);
            UploadVerification.extension(name, uploads.limits().fileExtensions());
        } catch (UploadProblem p) {
            if (p.code.equals("filename-toolong") || p.code.equals("filename-tooshort")) {
                throw p;
            }
            throw new UploadProblem("illegal-filename", "The filename is not allowed.",
                    e -> e.put("filename", desired));
        }
        try {
            UploadVerification.content(name, detected);
        } catch (UploadProblem p) {
            if (detected.mime().equals("text/html") || detected.mime().equals("application/x-php")) {
                throw new UploadProblem("filetype-badmime", "Files of the MIME type \"" + detected.mime()
                        + "\" are not allowed to be uploaded.");
            }
            throw new UploadProblem("stashfailed", "This file did not pass file verification.");
        }
        return name;
    }

    private static UploadVerification.@org.jspecify.annotations.Nullable Name laterChunkName(String desired) {
        try {
            return UploadVerification.name(desired, null);
        } catch (UploadProblem p) {
            return null;
        }
    }

    private static UploadProblem invalidOffset(long serverOffset) {
        return new UploadProblem("stashfailed", "Invalid chunk offset", e -> e.put("offset", Long.toString(serverOffset)));
    }

    private static long integer(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UploadProblem("badinteger", "Invalid value \"" + text + "\" for integer parameter \"" + field
                    + "\".");
        }
    }
}

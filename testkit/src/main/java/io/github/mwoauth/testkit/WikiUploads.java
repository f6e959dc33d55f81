package io.github.mwoauth.testkit;

/**
 * The wiki's upload state, one per running wiki: the limits, the stash, the published files and what api.php
 * reports about them.
 */
record WikiUploads(UploadLimits limits, UploadStash stash, WikiFiles files, UploadQueries queries) {

    static WikiUploads create(WikiState state, String server) {
        UploadLimits limits = new UploadLimits();
        UploadStash stash = new UploadStash();
        WikiFiles files = new WikiFiles();
        return new WikiUploads(limits, stash, files, new UploadQueries(state, files, stash, limits, server));
    }
}

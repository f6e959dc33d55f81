package io.github.mwoauth.kotlin

import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.UploadProgress
import io.github.mwoauth.UploadRequest
import io.github.mwoauth.UploadResult
import io.github.mwoauth.Uploads
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle

// Coroutine variants of the uploads (ReactiveMediaWikiClient.uploads()): a suspending upload and a Flow of progress.

/** [Uploads.upload], suspending until the file is published and checked. */
suspend fun Uploads.awaitUpload(request: UploadRequest): UploadResult = upload(request).awaitSingle()

/**
 * [Uploads.uploadWithProgress] as a [Flow]: events while the bytes go, then while the wiki's copy is checked and
 * published; the last one holds the [UploadProgress.result]. Stopping the collection cancels the upload.
 */
fun Uploads.uploadFlow(request: UploadRequest): Flow<UploadProgress> = uploadWithProgress(request).asFlow()

/** Uploads as the current user ([ReactiveMediaWikiClient.uploads]), suspending until the file is published. */
suspend fun ReactiveMediaWikiClient.awaitUpload(request: UploadRequest): UploadResult = uploads().awaitUpload(request)

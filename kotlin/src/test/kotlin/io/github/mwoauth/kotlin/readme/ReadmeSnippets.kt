/*
 * The Kotlin code blocks of the project's Markdown files, verbatim, so that they compile with the build: a README
 * that no longer matches the API fails the build here. Each block sits between "// README: begin <file>" and
 * "// README: end"; its import lines are among this file's imports. samples/demo's ReadmeSnippetsTests checks that
 * every Kotlin block of every Markdown file is one of them, and that each of them is still a block of its file.
 * A package of its own, so that `import io.github.mwoauth.kotlin.*` is what brings the extensions in, as for
 * readers. Nothing here runs.
 */
@file:Suppress("unused", "UNUSED_VARIABLE")

package io.github.mwoauth.kotlin.readme

import io.github.mwoauth.Freshness
import io.github.mwoauth.MediaWikiIdentity
import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.UploadRequest
import io.github.mwoauth.kotlin.*
import java.nio.file.Path
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import org.springframework.web.reactive.function.server.ServerResponse
import org.springframework.web.reactive.function.server.bodyValueAndAwait
import org.springframework.web.reactive.function.server.coRouter

// README: begin kotlin/README.md
suspend fun contributions(client: ReactiveMediaWikiClient): List<String> {
    val me = client.awaitCurrentUser(Freshness.CACHED)         // throws LoginRequiredException with no user
    return client.requestContinuedFlow(apiQuery {
        action = "query"
        list("usercontribs")
        this["ucuser"] = me.displayName()
        this["uclimit"] = 500
    }).take(4)                                                  // stop after four answers: no fifth request
        .toList()
        .flatMap { page -> page.at("/query/usercontribs").valueStream().map { it["title"].asString() }.toList() }
}
// README: end

suspend fun clientFromKotlin(client: ReactiveMediaWikiClient) {
    // README: begin README.md
    val router = coRouter {
        GET("/edits") {
            val me = client.awaitCurrentUser()                  // LoginRequiredException → redirect to /login
            val titles = client.requestContinuedFlow(apiQuery {
                action = "query"
                list("usercontribs")
                this["ucuser"] = me.displayName()
            }).take(2).toList()                                 // two answers at most
                .flatMap { it.at("/query/usercontribs").valueStream().map { e -> e["title"].asString() }.toList() }
            ServerResponse.ok().bodyValueAndAwait(titles)
        }
    }
    val who: MediaWikiIdentity? = client.awaitCurrentUserOrNull()
    val info = client.awaitRequest("action" to "query", "meta" to "siteinfo")
    val uploaded = client.awaitUpload(UploadRequest.of("Sunset.jpg", Path.of("sunset.jpg")).comment("At the bay"))
    // README: end
}

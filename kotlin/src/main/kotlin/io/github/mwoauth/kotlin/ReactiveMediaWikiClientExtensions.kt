package io.github.mwoauth.kotlin

import io.github.mwoauth.Freshness
import io.github.mwoauth.LoginRequiredException
import io.github.mwoauth.MediaWikiIdentity
import io.github.mwoauth.ReactiveMediaWikiClient
import java.net.URI
import org.reactivestreams.Publisher
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull
import tools.jackson.databind.JsonNode

// Coroutine variants of ReactiveMediaWikiClient, named by Spring's rule: awaitX() never returns null and throws
// when there is nothing, awaitXOrNull() returns null instead. No extension has the name of a Java member (the
// member would win), and no name is overloaded on a function type (Kotlin would find calls with lambdas ambiguous).

/** [ReactiveMediaWikiClient.request] to the login wiki, suspending until the answer. */
suspend fun ReactiveMediaWikiClient.awaitRequest(query: Map<String, Any>): JsonNode = request(query).awaitSingle()

/** [ReactiveMediaWikiClient.request] to [apiUrl] (which must be on the allow-list), suspending until the answer. */
suspend fun ReactiveMediaWikiClient.awaitRequest(query: Map<String, Any>, apiUrl: URI): JsonNode =
    request(query, apiUrl).awaitSingle()

/** [ReactiveMediaWikiClient.request] with the fields as pairs: `awaitRequest("action" to "query", "meta" to "userinfo")`. */
suspend fun ReactiveMediaWikiClient.awaitRequest(vararg fields: Pair<String, Any>): JsonNode =
    request(mapOf(*fields)).awaitSingle()

/** [ReactiveMediaWikiClient.requestWithCsrfToken] to the login wiki, suspending until the answer. */
suspend fun ReactiveMediaWikiClient.awaitRequestWithCsrfToken(query: Map<String, Any>): JsonNode =
    requestWithCsrfToken(query).awaitSingle()

/** [ReactiveMediaWikiClient.requestWithCsrfToken] to [apiUrl], suspending until the answer. */
suspend fun ReactiveMediaWikiClient.awaitRequestWithCsrfToken(query: Map<String, Any>, apiUrl: URI): JsonNode =
    requestWithCsrfToken(query, apiUrl).awaitSingle()

/**
 * [ReactiveMediaWikiClient.requestContinued] as a [Flow] of answers, fetched one after the other: the next page
 * is asked for only once the collector has taken the previous one, so stopping (`take(n)`, `first()`,
 * cancellation) requests no further page.
 */
fun ReactiveMediaWikiClient.requestContinuedFlow(query: Map<String, Any>): Flow<JsonNode> =
    requestContinued(query).pageByPage()

/** [ReactiveMediaWikiClient.requestContinued] to [apiUrl] as a [Flow]. */
fun ReactiveMediaWikiClient.requestContinuedFlow(query: Map<String, Any>, apiUrl: URI): Flow<JsonNode> =
    requestContinued(query, apiUrl).pageByPage()

// asFlow() alone asks the publisher for 64 items ahead, which would fetch pages nobody collects; a rendezvous
// buffer makes it ask for one at a time, after the collector has taken the one before.
private fun Publisher<JsonNode>.pageByPage(): Flow<JsonNode> = asFlow().buffer(Channel.RENDEZVOUS)

/**
 * Who the current user is ([ReactiveMediaWikiClient.currentUser]).
 *
 * @throws LoginRequiredException when nobody is logged in (or the grant is gone); in a WebFlux handler the
 *     library's filter turns it into a redirect to the login page
 */
suspend fun ReactiveMediaWikiClient.awaitCurrentUser(freshness: Freshness = Freshness.CACHED): MediaWikiIdentity =
    awaitCurrentUserOrNull(freshness) ?: throw LoginRequiredException("No user is logged in with the wiki")

/** Who the current user is, or `null` when nobody is logged in (or the grant is gone). */
suspend fun ReactiveMediaWikiClient.awaitCurrentUserOrNull(freshness: Freshness = Freshness.CACHED): MediaWikiIdentity? =
    currentUser(freshness).awaitSingleOrNull()

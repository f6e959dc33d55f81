package io.github.mwoauth.kotlin

import io.github.mwoauth.Freshness
import io.github.mwoauth.LoginRequiredException
import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.login.TokenStore
import io.github.mwoauth.testkit.Consumer
import io.github.mwoauth.testkit.Endpoint
import io.github.mwoauth.testkit.LocalWiki
import io.github.mwoauth.testkit.LocalWikiExtension
import io.github.mwoauth.testkit.WikiUser
import java.time.Instant
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import tools.jackson.databind.JsonNode

/** The coroutine extensions and the query DSL against the LocalWiki emulator. */
class ReactiveMediaWikiClientExtensionsTests {

    @JvmField
    @RegisterExtension
    val extension: LocalWikiExtension = LocalWikiExtension.create()

    private lateinit var wiki: LocalWiki
    private lateinit var bot: Consumer

    @BeforeEach
    fun setUp() {
        wiki = extension.get()
        val alice = WikiUser.named("Alice")
        for (i in 1..5) {
            alice.contribution("Page $i", 100L + i, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * i), "e$i")
        }
        wiki.registerUser(alice.build())
        bot = wiki.registerOwnerOnlyConsumer("Alice's bot", "Alice")
    }

    private fun client(store: TokenStore? = null): ReactiveMediaWikiClient {
        val builder = ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath()).consumer(bot.credentials())
            .userAgent("KotlinTests/1.0 (tests@example.org)")
        // the builder is immutable: every setting returns a configured copy
        val configured = if (store == null) builder.accessToken(bot.ownerToken()!!, bot.ownerSecret()!!)
        else builder.tokenStore(store)
        return configured.build()
    }

    private fun revids(page: JsonNode): List<Long> = page.at("/query/usercontribs").valueStream().map { it["revid"].asLong() }.toList()

    @Test
    fun `awaitRequest with pairs, a map and the DSL give the same answer`() = runBlocking<Unit> {
        val client = client()

        val byPairs = client.awaitRequest("action" to "query", "meta" to "userinfo")
        val byMap = client.awaitRequest(mapOf("action" to "query", "meta" to "userinfo"))
        val byDsl = client.awaitRequest(apiQuery {
            action = "query"
            meta("userinfo")
        })

        assertThat(listOf(byPairs, byMap, byDsl).map { it.at("/query/userinfo/name").asString() })
            .containsOnly("Alice")
    }

    @Test
    fun `requestContinuedFlow collects every page, and take stops the requests`() = runBlocking<Unit> {
        val query = apiQuery {
            action = "query"
            list("usercontribs")
            this["ucuser"] = "Alice"
            this["uclimit"] = 2
        }

        val pages = client().requestContinuedFlow(query).map { revids(it) }.toList()
        assertThat(pages).containsExactly(listOf(105L, 104L), listOf(103L, 102L), listOf(101L))
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(3)

        val first = client().requestContinuedFlow(query).take(1).toList()
        assertThat(first).hasSize(1)
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(4)
    }

    @Test
    fun `requestContinuedFlow asks for the next page only after the collector took the previous one`() = runBlocking<Unit> {
        val query = apiQuery {
            action = "query"
            list("usercontribs")
            this["ucuser"] = "Alice"
            this["uclimit"] = 2
        }
        val requestsSeenByCollector = mutableListOf<Long>()

        client().requestContinuedFlow(query).collect {
            delay(300) // a slow collector: a prefetching flow would fetch the next pages meanwhile
            requestsSeenByCollector.add(wiki.requestCount(Endpoint.API))
        }

        assertThat(requestsSeenByCollector).containsExactly(1L, 2L, 3L)
    }

    @Test
    fun `awaitRequestWithCsrfToken edits with a token fetched once`() = runBlocking<Unit> {
        wiki.createPage("Sandbox", "old")
        val client = client()

        val answer = client.awaitRequestWithCsrfToken(apiQuery {
            action = "edit"
            this["title"] = "Sandbox"
            this["text"] = "new text"
        })

        assertThat(answer.at("/edit/result").asString()).isEqualTo("Success")
        assertThat(wiki.pageText("Sandbox")).isEqualTo("new text")
        assertThat(wiki.requestCount(Endpoint.API)).isEqualTo(2)
    }

    @Test
    fun `awaitCurrentUser returns the identity, OrNull gives null without a user, plain throws`() = runBlocking<Unit> {
        val alice = client().awaitCurrentUser(Freshness.LIVE)
        assertThat(alice.username).isEqualTo("Alice")

        val nobody = client(TokenStore.none())
        assertThat(nobody.awaitCurrentUserOrNull()).isNull()
        assertThatThrownBy { runBlocking { nobody.awaitCurrentUser() } }
            .isInstanceOf(LoginRequiredException::class.java)
    }

    @Test
    fun `apiQuery collects multi-value modules, keeps order, and null removes a field`() {
        val query = apiQuery {
            action = "query"
            meta("userinfo")
            meta("tokens", "userinfo")
            this["uiprop"] = "groups"
            this["uiprop"] = null
            this["formatversion"] = 2
        }

        assertThat(query).containsExactly(
            java.util.Map.entry("action", "query"),
            java.util.Map.entry("meta", listOf("userinfo", "tokens")),
            java.util.Map.entry("formatversion", 2))
    }
}

package io.github.mwoauth.kotlindemo

import io.github.mwoauth.testkit.ConsumerRegistration
import io.github.mwoauth.testkit.LocalWiki
import io.github.mwoauth.testkit.WikiUser
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.time.Instant
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.boot.SpringApplication
import org.springframework.boot.web.server.context.WebServerApplicationContext
import org.springframework.context.ConfigurableApplicationContext

/** The Kotlin demo against LocalWiki, as a browser would go: login, consent, index, test_query, logout. */
class KotlinDemoFlowTests {

    private lateinit var wiki: LocalWiki
    private lateinit var demo: ConfigurableApplicationContext
    private lateinit var app: String
    private val http: HttpClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build()
    private var session: String? = null

    @BeforeEach
    fun start() {
        wiki = LocalWiki.start()
        wiki.registerUser(WikiUser.named("Alice")
            .contribution("Sandbox", 1001, Instant.parse("2026-01-15T09:30:00Z"), "trying")
            .contribution("Cats", 1002, Instant.parse("2026-03-21T12:00:00Z"), "new section").build())
        demo = SpringApplication(KotlinDemoApplication::class.java).run("--server.port=0",
            "--spring.main.banner-mode=off", "--mediawiki.oauth.wiki=" + wiki.scriptPath(),
            "--mediawiki.oauth.consumer-key=" + KEY, "--mediawiki.oauth.consumer-secret=" + SECRET)
        app = "http://127.0.0.1:" + (demo as WebServerApplicationContext).webServer!!.port
        wiki.registerConsumer(ConsumerRegistration.oob("kotlin demo", "$app/oauth-callback").withCredentials(KEY, SECRET))
    }

    @AfterEach
    fun stop() {
        demo.close()
        wiki.close()
    }

    private fun get(url: String): HttpResponse<String> {
        val request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET()
        session?.let { request.header("Cookie", "SESSION=$it") }
        val response = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
        response.headers().allValues("Set-Cookie").firstOrNull { it.startsWith("SESSION=") }
            ?.let { session = it.substringAfter("SESSION=").substringBefore(';').ifEmpty { null } }
        return response
    }

    @Test
    fun `login, index, test_query and logout through coRouter and the library's routes`() {
        assertThat(get("$app/").body()).contains("not logged in")
        val toLogin = get("$app/test_query")
        assertThat(toLogin.statusCode()).isEqualTo(302)
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).contains("/login")

        val toWiki = get("$app/login")
        assertThat(toWiki.statusCode()).isEqualTo(302)
        val authorize = toWiki.headers().firstValue("Location").orElseThrow()
        assertThat(authorize).startsWith(wiki.indexUrl())
        val requestToken = authorize.substringAfter("oauth_token=").substringBefore('&')
        val approval = wiki.approve(requestToken, "Alice")

        val back = get(approval.callbackUrl())
        assertThat(back.statusCode()).isEqualTo(302)
        assertThat(get("$app/").body()).contains("logged in as: Alice")
        val contributions = get("$app/test_query")
        assertThat(contributions.statusCode()).isEqualTo(200)
        assertThat(contributions.body()).contains("Contributions of Alice", "<li>Cats (", "<li>Sandbox (")

        assertThat(get("$app/logout").statusCode()).isEqualTo(302)
        assertThat(get("$app/").body()).contains("not logged in")
    }

    private companion object {
        const val KEY = "0123456789abcdef0123456789abcdef"
        const val SECRET = "0123456789abcdef0123456789abcdef01234567"
    }
}

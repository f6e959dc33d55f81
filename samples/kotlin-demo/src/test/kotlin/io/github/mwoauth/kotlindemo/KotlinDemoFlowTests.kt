package io.github.mwoauth.kotlindemo

import io.github.mwoauth.testkit.boot.OfflineMode
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets.UTF_8
import java.time.Duration
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.boot.web.server.context.WebServerApplicationContext
import org.springframework.context.ConfigurableApplicationContext
import org.springframework.data.redis.connection.RedisConnectionFactory

/**
 * The Kotlin demo as `spring-boot:run` starts it with no consumer key: offline, with its own LocalWiki and
 * embedded Redis. A browser's part is played over HTTP: login, the wiki's consent form (GET, then POST Allow),
 * the callback, the logged-in index, test_query, logout.
 */
class KotlinDemoFlowTests {

    private lateinit var demo: ConfigurableApplicationContext
    private lateinit var app: String
    private lateinit var printed: String
    private val http: HttpClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build()
    private var session: String? = null

    @BeforeEach
    fun start() {
        val out = System.out
        val captured = ByteArrayOutputStream()
        System.setOut(PrintStream(TeeStream(out, captured), true, UTF_8))
        try {
            demo = application().run("--server.port=0", "--spring.main.banner-mode=off")
        } finally {
            System.setOut(out)
        }
        printed = captured.toString(UTF_8)
        app = "http://127.0.0.1:" + (demo as WebServerApplicationContext).webServer!!.port
    }

    @AfterEach
    fun stop() {
        if (this::demo.isInitialized) {
            demo.close()
        }
    }

    private fun send(request: HttpRequest.Builder, withSession: Boolean = true): HttpResponse<String> {
        // generous: the first test_query loads (and BlockHound instruments) many classes on a busy machine
        request.timeout(Duration.ofSeconds(30))
        if (withSession) {
            session?.let { request.header("Cookie", "SESSION=$it") }
        }
        val response = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
        if (withSession) {
            response.headers().allValues("Set-Cookie").firstOrNull { it.startsWith("SESSION=") }
                ?.let { session = it.substringAfter("SESSION=").substringBefore(';').ifEmpty { null } }
        }
        return response
    }

    private fun get(url: String) = send(HttpRequest.newBuilder(URI.create(url)).GET())

    private fun location(response: HttpResponse<String>): String = response.headers().firstValue("Location").orElseThrow()

    @Test
    fun `offline start, then login with Allow on the wiki's consent page, index, test_query and logout`() {
        val wiki = demo.environment.getProperty("mediawiki.oauth.wiki")!!
        assertThat(demo.environment.propertySources.contains(OfflineMode.PROPERTY_SOURCE)).isTrue()
        assertThat(printed).contains("mwoauth Kotlin demo (offline): open $app/ and log in as ${OfflineMode.DEMO_USER}",
            "LocalWiki: $wiki", "embedded Redis: 127.0.0.1:")
        assertThat(demo.getBean(RedisConnectionFactory::class.java).connection.ping()).isEqualTo("PONG")

        assertThat(get("$app/").body()).contains("not logged in")
        val toLogin = get("$app/test_query")
        assertThat(toLogin.statusCode()).isEqualTo(302)
        assertThat(location(toLogin)).contains("/login")

        val toWiki = get("$app/login")
        assertThat(toWiki.statusCode()).isEqualTo(302)
        val authorize = location(toWiki)
        assertThat(authorize).startsWith(wiki)
        val form = send(HttpRequest.newBuilder(URI.create(authorize)).GET(), withSession = false)
        assertThat(form.statusCode()).isEqualTo(200)
        assertThat(form.body()).contains("mw-mwoauth-authorize-form", "mwoauth Kotlin demo")
        val fields = HIDDEN.findAll(form.body()).map { it.groupValues[1] to unescape(it.groupValues[2]) }.toList() +
            ("accept" to "Allow")
        val allowed = send(HttpRequest.newBuilder(URI.create(authorize).resolve("/wiki/Special:OAuth/authorize"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(fields.joinToString("&") { (k, v) -> encode(k) + "=" + encode(v) })),
            withSession = false)
        assertThat(allowed.statusCode()).isEqualTo(302)
        val callback = location(allowed)
        assertThat(callback).startsWith("$app/oauth-callback?").contains("oauth_verifier=")

        val back = get(callback)
        assertThat(back.statusCode()).isEqualTo(302)
        assertThat(get("$app/").body()).contains("logged in as: ${OfflineMode.DEMO_USER}")
        val contributions = get("$app/test_query")
        assertThat(contributions.statusCode()).isEqualTo(200)
        assertThat(contributions.body()).contains("Contributions of ${OfflineMode.DEMO_USER}", "<li>Sandbox (",
            "<li>Main Page (", "<li>Cats (")

        assertThat(get("$app/logout").statusCode()).isEqualTo(302)
        assertThat(get("$app/").body()).contains("not logged in")
    }

    /** Writes to two streams: the console keeps its output while the test reads it. */
    private class TeeStream(private val first: java.io.OutputStream, private val second: java.io.OutputStream) :
        java.io.OutputStream() {
        override fun write(b: Int) {
            first.write(b)
            second.write(b)
        }

        override fun write(b: ByteArray, off: Int, len: Int) {
            first.write(b, off, len)
            second.write(b, off, len)
        }
    }

    private companion object {
        val HIDDEN = Regex("<input type='hidden' name='([^']*)' value='([^']*)'>")

        fun encode(value: String): String = URLEncoder.encode(value, UTF_8)

        fun unescape(value: String): String = value.replace("&quot;", "\"").replace("&#039;", "'")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    }
}

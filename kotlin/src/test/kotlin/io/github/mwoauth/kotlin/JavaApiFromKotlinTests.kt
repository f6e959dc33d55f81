package io.github.mwoauth.kotlin

import io.github.mwoauth.login.AuthorizedUser
import io.github.mwoauth.MediaWikiIdentity
import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.oauth1.OAuth1Credentials
import io.github.mwoauth.testkit.LocalWiki
import io.github.mwoauth.testkit.LocalWikiExtension
import io.github.mwoauth.webflux.LoginErrorRenderer
import io.github.mwoauth.webflux.MediaWikiOAuthOptions
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes
import io.github.mwoauth.webflux.autoconfigure.MediaWikiOAuthProperties
import java.io.File
import java.nio.file.Files
import java.util.jar.JarFile
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import org.assertj.core.api.Assertions.assertThat
import org.jspecify.annotations.NullMarked
import org.junit.jupiter.api.Test
import org.springframework.http.HttpStatus
import org.springframework.web.reactive.function.server.ServerResponse

/** How the Java API looks from Kotlin: JSpecify nullability turns into Kotlin types, lambdas fit without ambiguity. */
class JavaApiFromKotlinTests {

    /** The type the compiler inferred for [value]: a platform type (`String!`) is not marked nullable. */
    private inline fun <reified T> staticTypeOf(@Suppress("UNUSED_PARAMETER") value: T): KType = typeOf<T>()

    /**
     * What the compiler typed each expression as, captured with `typeOf` of the inferred type argument: with
     * JSpecify read strictly, `@Nullable` Java returns are `T?` and the rest `T`; were the annotations ignored,
     * all would be platform types (`String!`), which `typeOf` reports as not marked nullable and not equal to
     * either. (kotlin-reflect cannot tell: at run time it sees Java methods without their type-use annotations.)
     */
    @Test
    fun `nullable Java returns are nullable Kotlin types, others are not platform types`() {
        val identity = MediaWikiIdentity("7", null, listOf(), listOf(), listOf(), 0, false, false, null, null, null,
            mapOf())
        val credentials = OAuth1Credentials.consumerOnly("ck", "cs")
        val properties = MediaWikiOAuthProperties()

        assertThat(staticTypeOf(identity.username)).isEqualTo(typeOf<String?>())
        assertThat(staticTypeOf(identity.email)).isEqualTo(typeOf<String?>())
        assertThat(staticTypeOf(identity.sub)).isEqualTo(typeOf<String>())
        assertThat(staticTypeOf(identity.displayName())).isEqualTo(typeOf<String>())
        assertThat(staticTypeOf(AuthorizedUser(io.github.mwoauth.oauth1.AccessToken("a", "b"), null).identity))
            .isEqualTo(typeOf<MediaWikiIdentity?>())
        assertThat(staticTypeOf(credentials.token)).isEqualTo(typeOf<String?>())
        assertThat(staticTypeOf(properties.wiki)).isEqualTo(typeOf<String?>())
        assertThat(staticTypeOf(properties.prefix)).isEqualTo(typeOf<String>())
        assertThat(staticTypeOf(identity.groups).isMarkedNullable).isFalse()
        assertThat(staticTypeOf(identity.groups).toString()).doesNotContain("!")
    }

    @Test
    fun `a platform type would be told apart`() {
        val platform = java.lang.System.getProperty("java.version")

        assertThat(staticTypeOf(platform)).isNotEqualTo(typeOf<String?>()).isNotEqualTo(typeOf<String>())
    }

    @Test
    fun `coroutine extensions follow the awaitX and awaitXOrNull rule`() {
        assertThat(ReactiveMediaWikiClient::awaitCurrentUserOrNull.returnType.isMarkedNullable).isTrue()
        assertThat(ReactiveMediaWikiClient::awaitCurrentUser.returnType.isMarkedNullable).isFalse()
    }

    @Test
    fun `every package of the Java modules is NullMarked`() {
        val packages = listOf(ReactiveMediaWikiClient::class.java, LocalWiki::class.java,
            MediaWikiOAuthRoutes::class.java).flatMap { packagesOf(it) }.toSet()

        assertThat(packages).contains("io.github.mwoauth", "io.github.mwoauth.oauth1", "io.github.mwoauth.oauth2",
            "io.github.mwoauth.login", "io.github.mwoauth.http", "io.github.mwoauth.support", "io.github.mwoauth.testkit",
            "io.github.mwoauth.webflux", "io.github.mwoauth.webflux.autoconfigure")
        assertThat(packages).allSatisfy { name ->
            val info = Class.forName("$name.package-info")
            assertThat(info.isAnnotationPresent(NullMarked::class.java)).`as`(name).isTrue()
        }
    }

    @Test
    fun `Java functional interfaces take Kotlin lambdas without ambiguity`() {
        val renderer = LoginErrorRenderer { _, error ->
            ServerResponse.status(HttpStatus.FORBIDDEN).bodyValue(error.toString())
        }
        val options = MediaWikiOAuthOptions.builder().errorRenderer(renderer).build()
        val extension = LocalWikiExtension.create { it.port(0) }.withSetup { wiki -> wiki.registerUser("Bob") }

        assertThat(options.errorRenderer()).isSameAs(renderer)
        assertThat(extension).isNotNull()
    }

    private fun packagesOf(type: Class<*>): List<String> {
        val location = File(type.protectionDomain.codeSource.location.toURI())
        val classFiles = if (location.isDirectory) {
            Files.walk(location.toPath()).use { paths ->
                paths.map { location.toPath().relativize(it).toString().replace(File.separatorChar, '/') }.toList()
            }
        } else {
            JarFile(location).use { jar -> jar.entries().toList().map { it.name } }
        }
        return classFiles.filter { it.endsWith(".class") && it.contains('/') }
            .map { it.substringBeforeLast('/').replace('/', '.') }
            .distinct()
    }
}

package io.github.mwoauth.kotlindemo

import io.github.mwoauth.Freshness
import io.github.mwoauth.MediaWikiIdentity
import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.kotlin.apiQuery
import io.github.mwoauth.kotlin.awaitCurrentUser
import io.github.mwoauth.kotlin.awaitCurrentUserOrNull
import io.github.mwoauth.kotlin.requestContinuedFlow
import io.github.mwoauth.login.MediaWikiLogin
import io.github.mwoauth.testkit.boot.OfflineMode
import io.github.mwoauth.webflux.MediaWikiOAuthOptions
import io.github.mwoauth.webflux.MediaWikiOAuthRoutes
import io.github.mwoauth.webflux.PendingLoginRepository
import io.github.mwoauth.webflux.WebSessionCredentialsRepository
import io.github.mwoauth.webflux.autoconfigure.MediaWikiOAuthAutoConfiguration
import io.lettuce.core.ClientOptions
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import org.springframework.beans.factory.config.BeanPostProcessor
import org.springframework.boot.SpringApplication
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer
import org.springframework.context.annotation.Bean
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory
import org.springframework.http.MediaType
import org.springframework.web.reactive.function.server.RouterFunction
import org.springframework.web.reactive.function.server.ServerResponse
import org.springframework.web.reactive.function.server.bodyValueAndAwait
import org.springframework.web.reactive.function.server.coRouter
import org.springframework.web.util.HtmlUtils.htmlEscape

/**
 * The demo in Kotlin: the index ("logged in as") and test_query (the user's contributions, two pages at most)
 * as suspending `coRouter` handlers, with the library's login, callback and logout routes mounted in the same
 * router. Sessions live in Redis (Spring Session). With `mediawiki.oauth.wiki` and `oauth1.consumer-key` and
 * `oauth1.consumer-secret` set it talks to that wiki; without credentials, the testkit's [OfflineMode] starts a LocalWiki
 * with a demo consumer and user and an embedded Redis, so the whole flow runs offline.
 */
@SpringBootApplication
class KotlinDemoApplication {

    /** Named like the library's routes bean, so the auto-configuration leaves the mounting to this router. */
    @Bean(MediaWikiOAuthAutoConfiguration.ROUTES_BEAN_NAME)
    fun demoRoutes(client: ReactiveMediaWikiClient, login: MediaWikiLogin, users: WebSessionCredentialsRepository,
                   pendingLogins: PendingLoginRepository, options: MediaWikiOAuthOptions): RouterFunction<ServerResponse> =
        coRouter {
        GET("/") {
            val status = client.awaitCurrentUserOrNull()?.let { "logged in as: " + htmlEscape(it.displayName()) }
                ?: "not logged in"
            html("mwoauth Kotlin demo", "<p id=\"status\">$status</p>")
        }
        GET("/test_query") {
            // no user: LoginRequiredException, which the library's filter turns into a redirect to /login
            val user: MediaWikiIdentity = client.awaitCurrentUser(Freshness.LIVE)
            val query = apiQuery {
                action = "query"
                list("usercontribs")
                this["ucuser"] = user.displayName()
                this["uclimit"] = 50
            }
            val edits = client.requestContinuedFlow(query).take(2).toList()
                .flatMap { page -> page.at("/query/usercontribs").valueStream().toList() }
            val items = edits.joinToString("\n") {
                "<li>" + htmlEscape(it.path("title").asString()) + " (" + htmlEscape(it.path("timestamp").asString()) +
                    ")</li>"
            }
            html("contributions", "<h1>Contributions of ${htmlEscape(user.displayName())}</h1>\n" +
                "<ul id=\"contributions\">\n$items\n</ul>")
        }
        add(MediaWikiOAuthRoutes.create(login, users, pendingLogins, options))
    }

    companion object {
        /**
         * Opens the Redis connection at start-up rather than on the first request's thread, where on a cold, busy
         * machine it can take longer than the session store bound and give the first login a 503.
         */
        @Bean
        @JvmStatic
        fun eagerRedisConnection(): BeanPostProcessor = object : BeanPostProcessor {
            override fun postProcessBeforeInitialization(bean: Any, beanName: String): Any {
                if (bean is LettuceConnectionFactory) {
                    bean.setEagerInitialization(true)
                }
                return bean
            }
        }
    }

    /**
     * Lettuce's answers on its computation threads rather than its one I/O thread, and commands rejected at once
     * while the connection to Redis is down (pages answer 503 instead of waiting out `spring.data.redis.timeout`).
     */
    @Bean
    fun redisClientOptions() = LettuceClientOptionsBuilderCustomizer { options ->
        options.publishOnScheduler(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
    }

    private suspend fun html(title: String, body: String): ServerResponse =
        ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValueAndAwait(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>$title</title></head><body>\n$body\n" +
                "<p><a href=\"/login\">login</a> / <a href=\"/test_query\">test_query</a> / " +
                "<a href=\"/logout\">logout</a></p>\n</body></html>\n")
}

/** The application with its offline mode, as [main] runs it (the tests start it this way too). */
fun application(): SpringApplication = SpringApplication(KotlinDemoApplication::class.java).apply {
    addListeners(OfflineMode("mwoauth Kotlin demo"))
}

fun main(args: Array<String>) {
    application().run(*args)
}

package io.github.mwoauth.kotlindemo

import java.time.Duration
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import reactor.core.publisher.Mono
import reactor.core.scheduler.Schedulers

/** This module's test runs have BlockHound installed, so the demo of [KotlinDemoFlowTests] runs under it. */
class BlockHoundActiveTests {

    @Test
    fun `sleeping on a parallel scheduler thread is reported as a blocking call`() {
        val error = Mono.fromCallable { Thread.sleep(1) }.subscribeOn(Schedulers.parallel())
            .map { "slept" }.onErrorResume { Mono.just(it.message ?: "") }.block(Duration.ofSeconds(5))
        assertThat(error).contains("Blocking call")
    }
}

package io.github.mwoauth.kotlindemo

import reactor.blockhound.BlockHound
import reactor.blockhound.integration.BlockHoundIntegration

/**
 * kotlinx-coroutines-reactive looks up its context injectors with a `ServiceLoader` when `ReactiveFlowKt` is
 * initialised, that is on the first `await*` of the application, which in a `coRouter` handler runs on an event
 * loop: a one-time read of jar files, like class loading, which BlockHound reports. Found through
 * `META-INF/services`.
 */
class CoroutinesBlockHoundIntegration : BlockHoundIntegration {
    override fun applyTo(builder: BlockHound.Builder) {
        builder.allowBlockingCallsInside("kotlinx.coroutines.reactive.ReactiveFlowKt", "<clinit>")
    }
}

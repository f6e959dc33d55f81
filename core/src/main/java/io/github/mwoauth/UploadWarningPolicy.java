package io.github.mwoauth;

import reactor.core.publisher.Mono;

/**
 * What an upload does when the wiki warns about it at commit time ({@code duplicate}, {@code exists},
 * {@code nochange}, {@code duplicateversions}, {@code badfilename}): publish anyway ({@code true}) or stop
 * ({@code false}, the upload fails with an {@link UploadException} whose {@link UploadException#warnings()} hold
 * them and whose {@link UploadException#filekey()} lets a later upload commit the stashed file). A policy of the
 * caller's own may ask a user, and answers when it knows.
 */
@FunctionalInterface
public interface UploadWarningPolicy {

    /** Stop at any warning (the default). */
    UploadWarningPolicy FAIL = warnings -> Mono.just(false);

    /** Publish whatever the warnings. */
    UploadWarningPolicy IGNORE = warnings -> Mono.just(true);

    /** Whether to publish despite {@code warnings}. */
    Mono<Boolean> proceed(UploadWarnings warnings);

    /** Publish despite these warnings only, stop at any other. */
    static UploadWarningPolicy ignoring(String... names) {
        java.util.Set<String> allowed = java.util.Set.of(names);
        return warnings -> Mono.just(allowed.containsAll(warnings.names()));
    }
}

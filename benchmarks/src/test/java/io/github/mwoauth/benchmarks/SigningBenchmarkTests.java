package io.github.mwoauth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.oauth1.HmacSha1;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.SignatureBaseString;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Keeps the benchmark honest and alive: the contenders produce equal, valid signatures, and JMH runs them. */
class SigningBenchmarkTests {

    @Test
    void contendersWhenSigningSameRequestThenSignaturesVerify() throws Exception {
        SigningBenchmark bench = new SigningBenchmark();
        bench.setUp();

        assertThat(verifies(bench.mwoauth().authorizationHeader())).isTrue();
        assertThat(verifies(bench.scribejava())).isTrue();
        assertThat(bench.floor()).matches("[A-Za-z0-9+/]{27}=");
    }

    @Test
    void jmhWhenSmokeRunThenEveryBenchmarkReportsThroughput() throws Exception {
        var results = new Runner(new OptionsBuilder().include(SigningBenchmark.class.getName()).forks(0)
                .warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
                .build()).run();

        Map<String, Double> scores = results.stream().collect(Collectors.toMap(
                r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""), r -> r.getPrimaryResult().getScore()));
        assertThat(scores).containsOnlyKeys("mwoauth", "scribejava", "floor");
        assertThat(scores.values()).allSatisfy(score -> assertThat(score).isPositive());
        for (RunResult r : results) {
            System.out.printf("smoke %-12s %,12.1f ops/ms%n", r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    r.getPrimaryResult().getScore());
        }
    }

    /** Recomputes the signature of a header for the benchmark's request with our base string code. */
    private static boolean verifies(String header) {
        List<Parameter> oauth = AuthorizationHeader.parse(header);
        List<Parameter> all = new ArrayList<>(oauth);
        all.addAll(SigningBenchmark.FORM);
        String expected = HmacSha1.sign(SignatureBaseString.of("POST", URI.create(SigningBenchmark.URL), all),
                SigningBenchmark.CONSUMER_SECRET, SigningBenchmark.TOKEN_SECRET);
        return oauth.stream().anyMatch(p -> p.name().equals("oauth_signature") && p.value().equals(expected));
    }
}

package io.github.mwoauth.oauth1;

import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_KEY;
import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.FORM;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.URL;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps of {@link OAuth1Signer#sign} on {@link io.github.mwoauth.benchmarks.SigningBenchmark}'s request, each
 * alone, in nanoseconds per call: the nonce, the base string (written into the thread's buffer), HMAC-SHA1 and
 * Base64 of that base string, the {@code Authorization} header, and the whole signature. In the signer's package
 * to reach the package-private steps the signer itself calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningStepsBenchmark {

    private final OAuth1Signer signer = new OAuth1Signer();
    private final OAuth1Credentials credentials = new OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN,
            TOKEN_SECRET);
    private final URI uri = URI.create(URL);
    private List<Parameter> protocol;
    private List<Parameter> header;
    private SignatureBaseString.Bytes baseString;

    @Setup
    public void setUp() {
        protocol = List.of(Parameter.of("oauth_consumer_key", CONSUMER_KEY),
                Parameter.of("oauth_nonce", OAuth1Signer.randomNonce()),
                Parameter.of("oauth_signature_method", "HMAC-SHA1"), Parameter.of("oauth_timestamp", "1795835636"),
                Parameter.of("oauth_token", TOKEN), Parameter.of("oauth_version", "1.0"));
        baseString = SignatureBaseString.write("POST", uri, protocol, FORM);
        header = new ArrayList<>(protocol);
        header.add(Parameter.of("oauth_signature", "wOJIO9A2W5mFwDgiDvZbTSMK/PY="));
    }

    @Benchmark
    public String nonce() {
        return OAuth1Signer.randomNonce();
    }

    @Benchmark
    public int baseString() {
        return SignatureBaseString.write("POST", uri, protocol, FORM).length;
    }

    @Benchmark
    public String hmacBase64() {
        return HmacSha1.sign(baseString.data, baseString.length, CONSUMER_SECRET, TOKEN_SECRET);
    }

    @Benchmark
    public String header() {
        AuthorizationHeader.Writer out = AuthorizationHeader.Writer.start();
        for (Parameter p : header) {
            out.add(p.name(), p.value());
        }
        return out.finish();
    }

    @Benchmark
    public SignedRequest sign() {
        return signer.sign("POST", uri, FORM, credentials, List.of());
    }
}

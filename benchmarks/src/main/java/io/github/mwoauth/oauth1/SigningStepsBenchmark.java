package io.github.mwoauth.oauth1;

import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_KEY;
import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.FORM;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.URL;

import java.net.URI;
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
 * to call the package-private steps the signer itself calls, with the consumer key and token encoded once as the
 * signer keeps them for a thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningStepsBenchmark {

    private static final String TIMESTAMP = "1795835636";
    private static final String SIGNATURE = "wOJIO9A2W5mFwDgiDvZbTSMK/PY=";

    private final OAuth1Signer signer = new OAuth1Signer();
    private final OAuth1Credentials credentials = new OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN,
            TOKEN_SECRET);
    private final URI uri = URI.create(URL);
    private final EncodedText consumerKey = new EncodedText(CONSUMER_KEY);
    private final EncodedText token = new EncodedText(TOKEN);
    private String nonce;
    private SignatureBaseString.Bytes baseString;

    @Setup
    public void setUp() {
        nonce = OAuth1Signer.randomNonce();
        baseString = baseString();
    }

    @Benchmark
    public String nonce() {
        return OAuth1Signer.randomNonce();
    }

    @Benchmark
    public SignatureBaseString.Bytes baseString() {
        return OAuth1Signer.baseString("POST", uri, consumerKey, nonce, TIMESTAMP, token, List.of(), FORM);
    }

    @Benchmark
    public String hmacBase64() {
        return HmacSha1.sign(baseString.data, baseString.length, CONSUMER_SECRET, TOKEN_SECRET);
    }

    @Benchmark
    public String header() {
        return OAuth1Signer.header(consumerKey, nonce, TIMESTAMP, token, List.of(), SIGNATURE);
    }

    @Benchmark
    public SignedRequest sign() {
        return signer.sign("POST", uri, FORM, credentials, List.of());
    }
}

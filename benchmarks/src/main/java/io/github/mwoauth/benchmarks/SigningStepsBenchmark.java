package io.github.mwoauth.benchmarks;

import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_KEY;
import static io.github.mwoauth.benchmarks.SigningBenchmark.CONSUMER_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.FORM;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN;
import static io.github.mwoauth.benchmarks.SigningBenchmark.TOKEN_SECRET;
import static io.github.mwoauth.benchmarks.SigningBenchmark.URL;

import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.AuthorizationHeader;
import io.github.mwoauth.oauth1.HmacSha1;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.oauth1.SignatureBaseString;
import io.github.mwoauth.oauth1.SignedRequest;
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
 * The steps of an OAuth 1.0a signature on {@link SigningBenchmark}'s request, each alone, in nanoseconds per call,
 * through the signing package's public API: the nonce, the base string, HMAC-SHA1 and Base64 of it, the
 * {@code Authorization} header, and the whole signature by {@link OAuth1Signer#sign}. The signer's own fast path
 * writes the base string and header into a reused buffer; the public steps build strings, so their sum is an upper
 * bound of what {@code sign} spends on each.
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
    private List<Parameter> protocol = List.of();
    private List<Parameter> signed = List.of();
    private String baseString = "";

    @Setup
    public void setUp() {
        protocol = List.of(Parameter.of("oauth_consumer_key", CONSUMER_KEY),
                Parameter.of("oauth_nonce", OAuth1Signer.randomNonce()),
                Parameter.of("oauth_signature_method", "HMAC-SHA1"), Parameter.of("oauth_timestamp", TIMESTAMP),
                Parameter.of("oauth_token", TOKEN), Parameter.of("oauth_version", "1.0"));
        List<Parameter> all = new ArrayList<>(protocol);
        all.addAll(FORM);
        signed = List.copyOf(all);
        baseString = baseString();
    }

    @Benchmark
    public String nonce() {
        return OAuth1Signer.randomNonce();
    }

    @Benchmark
    public String baseString() {
        return SignatureBaseString.of("POST", uri, signed);
    }

    @Benchmark
    public String hmacBase64() {
        return HmacSha1.sign(baseString, CONSUMER_SECRET, TOKEN_SECRET);
    }

    @Benchmark
    public String header() {
        List<Parameter> withSignature = new ArrayList<>(protocol);
        withSignature.add(Parameter.of("oauth_signature", SIGNATURE));
        return AuthorizationHeader.write(withSignature);
    }

    @Benchmark
    public SignedRequest sign() {
        return signer.sign("POST", uri, FORM, credentials, List.of());
    }
}

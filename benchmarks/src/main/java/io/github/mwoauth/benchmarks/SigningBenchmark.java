package io.github.mwoauth.benchmarks;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import io.github.mwoauth.oauth1.OAuth1Credentials;
import io.github.mwoauth.oauth1.OAuth1Signer;
import io.github.mwoauth.http.Parameter;
import io.github.mwoauth.oauth1.SignatureBaseString;
import io.github.mwoauth.oauth1.SignedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Signing a typical api.php POST (10 form fields, an access token): our signer, scribejava's OAuth 1.0a
 * service on the same request, and the floor (HMAC-SHA1 plus Base64 of the same precomputed base string).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    public static final String CONSUMER_KEY = "159bf722d2a5e6b4fd39eb1f9d36e1b0";
    public static final String CONSUMER_SECRET = "3a4c8b0b5a8ce0f7b7e8c2f9e1d3a5b7c9e1f3a5";
    public static final String TOKEN = "a562b453eb2fd8aab11155466989abe6";
    public static final String TOKEN_SECRET = "d958721bfc4a7824fab5762594e0312399f1e028";
    public static final String URL = "https://meta.wikimedia.org/w/api.php";

    /** A typical API query: 10 fields, one with non-ASCII text and reserved characters. */
    public static final List<Parameter> FORM = List.of(Parameter.of("action", "query"),
            Parameter.of("list", "usercontribs"), Parameter.of("ucuser", "Alice Ünïcode"),
            Parameter.of("uclimit", "50"), Parameter.of("ucprop", "ids|title|timestamp|comment|size"),
            Parameter.of("ucnamespace", "0|2|4"),
            Parameter.of("ucstart", "2026-11-28T00:00:00Z"), Parameter.of("maxlag", "5"),
            Parameter.of("formatversion", "2"), Parameter.of("format", "json"));

    private OAuth1Signer signer;
    private OAuth1Credentials credentials;
    private URI uri;
    private OAuth10aService scribe;
    private OAuth1AccessToken scribeToken;
    private String baseString;
    private String hmacKey;
    private ThreadLocal<Mac> macs;

    @Setup
    public void setUp() {
        signer = new OAuth1Signer();
        credentials = new OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET);
        uri = URI.create(URL);
        scribe = new ServiceBuilder(CONSUMER_KEY).apiSecret(CONSUMER_SECRET).build(new MediaWikiApi());
        scribeToken = new OAuth1AccessToken(TOKEN, TOKEN_SECRET);
        List<Parameter> all = new ArrayList<>(FORM);
        all.add(Parameter.of("oauth_consumer_key", CONSUMER_KEY));
        all.add(Parameter.of("oauth_nonce", OAuth1Signer.randomNonce()));
        all.add(Parameter.of("oauth_signature_method", "HMAC-SHA1"));
        all.add(Parameter.of("oauth_timestamp", "1795835636"));
        all.add(Parameter.of("oauth_token", TOKEN));
        all.add(Parameter.of("oauth_version", "1.0"));
        baseString = SignatureBaseString.of("POST", uri, all);
        hmacKey = CONSUMER_SECRET + "&" + TOKEN_SECRET;
        macs = ThreadLocal.withInitial(() -> {
            try {
                return Mac.getInstance("HmacSHA1");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Benchmark
    public SignedRequest mwoauth() {
        return signer.sign("POST", uri, FORM, credentials, List.of());
    }

    @Benchmark
    public String scribejava() {
        OAuthRequest request = new OAuthRequest(Verb.POST, URL);
        for (Parameter p : FORM) {
            request.addBodyParameter(p.name(), p.value());
        }
        scribe.signRequest(scribeToken, request);
        return request.getHeaders().get("Authorization");
    }

    @Benchmark
    public String floor() throws GeneralSecurityException {
        Mac mac = macs.get();
        mac.init(new SecretKeySpec(hmacKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    }

    /** MediaWiki's endpoints as scribejava would be configured for them. */
    static final class MediaWikiApi extends DefaultApi10a {

        @Override
        public String getRequestTokenEndpoint() {
            return "https://meta.wikimedia.org/w/index.php?title=Special:OAuth/initiate";
        }

        @Override
        public String getAccessTokenEndpoint() {
            return "https://meta.wikimedia.org/w/index.php?title=Special:OAuth/token";
        }

        @Override
        protected String getAuthorizationBaseUrl() {
            return "https://meta.wikimedia.org/wiki/Special:OAuth/authorize";
        }
    }
}

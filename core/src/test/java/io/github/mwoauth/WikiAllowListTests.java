package io.github.mwoauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class WikiAllowListTests {

    @Test
    void originsWhenSameOriginThenAllowedElseNot() {
        WikiAllowList list = WikiAllowList.origins("https://meta.wikimedia.org");

        assertThat(list.allows(URI.create("https://meta.wikimedia.org/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("https://META.wikimedia.org:443/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("http://meta.wikimedia.org/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://meta.wikimedia.org.evil.example/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://meta.wikimedia.org@evil.example/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://user@meta.wikimedia.org/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("ftp://meta.wikimedia.org/w/api.php"))).isFalse();
    }

    @Test
    void wikimediaWhenFamilyHostsOverHttpsThenAllowed() {
        WikiAllowList list = WikiAllowList.wikimedia();

        assertThat(list.allows(URI.create("https://en.wikipedia.org/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("https://www.wikidata.org/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("https://commons.wikimedia.org/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("http://en.wikipedia.org/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://en.wikipedia.org:8443/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://notwikipedia.org/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://wikipedia.org.evil.example/w/api.php"))).isFalse();
    }

    @Test
    void requestWhenApiUrlOutsideAllowListThenErrorAndNothingSent() {
        ReactiveMediaWikiClient client = ReactiveMediaWikiClient.builder().wiki("http://127.0.0.1:9/w")
                .consumer("key", "secret").accessToken("token", "secret").userAgent("Test/1.0 (test@example.org)")
                .build();

        StepVerifier.create(client.request(Map.of("action", "query"), URI.create("https://evil.example/w/api.php")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(WikiNotAllowedException.class)
                        .hasMessageContaining("evil.example"))
                .verify(Duration.ofSeconds(5));
        assertThat(client.allowedWikis().allows(URI.create("http://127.0.0.1:9/w/api.php"))).isTrue();
        assertThat(client.mutate().allowedWikis(WikiAllowList.wikimedia()).build().allowedWikis()
                .allows(URI.create("https://en.wikipedia.org/w/api.php"))).isTrue();
    }

    @Test
    void ofWhenWikimediaAndOriginThenEitherAllowed() {
        WikiAllowList list = WikiAllowList.of(java.util.List.of("wikimedia", " http://127.0.0.1:8080 "));

        assertThat(list.allows(URI.create("https://de.wikipedia.org/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("http://127.0.0.1:8080/w/api.php"))).isTrue();
        assertThat(list.allows(URI.create("http://127.0.0.1:8081/w/api.php"))).isFalse();
        assertThat(list.allows(URI.create("https://wiki.example.org/w/api.php"))).isFalse();
    }

    @Test
    void ofWhenEntryIsNotAnOriginOrEmptyThenIllegalArgument() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> WikiAllowList.of(java.util.List.of("en.wikipedia.org")))
                .withMessageContaining("en.wikipedia.org");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> WikiAllowList.of(java.util.List.of("ftp://wiki.example.org")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> WikiAllowList.of(java.util.List.of()));
    }
}

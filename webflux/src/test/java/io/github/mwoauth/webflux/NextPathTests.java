package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

public class NextPathTests {

    /** Values as the query-string decoder hands them over (one level of %-decoding already done). */
    public static Stream<String> hostile() {
        return Stream.of(
                "https://evil.example/",
                "http://evil.example",
                "//evil.example",
                "///evil.example",
                "////evil.example/x",
                "/\\evil.example",
                "\\\\evil.example",
                "\\/evil.example",
                "/\\/evil.example",
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "evil.example",
                "evil.example/path",
                " /path",
                "\t/path",
                "/path\r\nLocation: https://evil.example",
                "/path\nSet-Cookie: a=b",
                "/\u0000/evil",
                "/%0d%0aLocation:%20https://evil.example",
                "/%00",
                "/%2f%2fevil.example",
                "/%2F%2Fevil.example",
                "/%5cevil.example",
                "/%5C%5Cevil.example",
                "/%252f%252fevil.example",
                "/%25%32%66evil.example",
                "/%2e%2e/%2e%2e/evil",
                "/../../evil",
                "/./x",
                "/a/../b",
                "/\u2215\u2215evil.example",
                "/\uff0f\uff0fevil.example",
                "/\u2044evil.example",
                "/%E2%88%95%E2%88%95evil.example",
                "/%EF%BC%8F%EF%BC%8Fevil.example",
                "/%EF%BC%BCevil.example",
                "/%E2%81%84evil.example",
                "/%E2%80%AEevil",
                "/%E2%80%8B/evil",
                "/%C0%AF%C0%AFevil.example",
                "/%c0%ae%c0%ae/evil",
                "/%E3%80%82evil.example",
                "/%EF%BC%8Eevil",
                "/x#@evil.example",
                "/%zz",
                "/%2",
                "/path with space",
                "/caf\u00e9",
                "/" + "a".repeat(NextPath.MAX_LENGTH),
                "@evil.example",
                "https://app.example@evil.example/",
                "//app.example%40evil.example",
                "http:/\\/evil.example",
                "?next=//evil.example",
                "#/evil",
                "",
                "/x\u007f",
                "/%7F",
                "/%00",
                "/a%1Fb",
                "/%C2%80",
                "/%C2%9F",
                "/x%C3a%A9",
                "/%E2%84%80",
                "/%E2%84%85",
                "/%2f");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void validateWhenHostileThenRejected(String next) {
        assertThat(NextPath.validate(next)).isEmpty();
        assertThat(NextPath.orDefault(next, "/")).isEqualTo("/");
    }

    @Test
    void hostileCorpusIsLargeEnough() {
        assertThat(hostile().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/x", "/test_query", "/a/b/c", "/search?q=cats&page=2", "/wiki/Caf%C3%A9",
            "/a;b", "/~user", "/x?next=/y", "/p%20q", "/@me"})
    void validateWhenSameSitePathThenAccepted(String next) {
        assertThat(NextPath.validate(next)).contains(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/x", "/search?q=cats&page=2", "/wiki/Caf%C3%A9", "/@me"})
    void acceptedValuesResolveOnTheSameOrigin(String next) {
        URI base = URI.create("https://app.example/");
        URI resolved = base.resolve(next);
        assertThat(resolved.getHost()).isEqualTo("app.example");
        assertThat(resolved.getScheme()).isEqualTo("https");
    }

    @Test
    void validateWhenNullThenEmpty() {
        assertThat(NextPath.validate(null)).isEmpty();
        assertThat(NextPath.orDefault(null, "/home")).isEqualTo("/home");
    }

    @Test
    void validateWhenExactlyTheLongestAcceptedThenAccepted() {
        String longest = "/" + "a".repeat(NextPath.MAX_LENGTH - 1);

        assertThat(NextPath.validate(longest)).contains(longest);
        assertThat(NextPath.validate(longest + "b")).isEmpty();
    }

    @Test
    void validateWhenEscapedSpaceOrPrintableAsciiThenAccepted() {
        assertThat(NextPath.validate("/a%20b")).contains("/a%20b");
        assertThat(NextPath.validate("/%7E%21%3A%40")).contains("/%7E%21%3A%40");
        assertThat(NextPath.validate("/search?q=%C2%A0x")).isEmpty(); // NBSP, a space separator
        assertThat(NextPath.validate("/x?y=%E2%82%AC")).contains("/x?y=%E2%82%AC");
    }

    @Test
    void loginUrlWhenSafeLocationThenItIsTheNextValue() {
        assertThat(NextPath.loginUrl("/login", URI.create("https://app.example/page")))
                .hasToString("/login?next=/page");
        assertThat(NextPath.loginUrl("/auth/login", URI.create("/page?x=1&y=2+3")))
                .hasToString("/auth/login?next=/page?x%3D1%26y%3D2%2B3");
        assertThat(NextPath.loginUrl("/login", URI.create("/wiki/Caf%C3%A9")))
                .hasToString("/login?next=/wiki/Caf%25C3%25A9");
    }

    @Test
    void loginUrlWhenLocationIsNoSafeNextThenLoginPathAlone() {
        assertThat(NextPath.loginUrl("/login", URI.create("/a/../b"))).hasToString("/login");
        assertThat(NextPath.loginUrl("/login", URI.create("/x?y=%0A"))).hasToString("/login");
    }
}

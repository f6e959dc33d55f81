package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.login.LoginRedirect;
import io.github.mwoauth.login.PendingLogin;
import io.github.mwoauth.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.test.StepVerifier;

class WebSessionPendingLoginRepositoryTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final URI AUTHORIZE = URI.create("http://w/rest.php/oauth2/authorize");

    private final MutableClock clock = MutableClock.startingNow();
    private final WebSessionPendingLoginRepository pending = new WebSessionPendingLoginRepository(
            SessionSealer.ephemeral());
    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block(WAIT);

    {
        pending.setClock(clock);
    }

    private void save(String key, String secret, String next) {
        StepVerifier.create(pending.save(session, new LoginRedirect(AUTHORIZE, key, secret), next)).verifyComplete();
    }

    private PendingLogin load(String key) {
        return pending.load(session, key).block(WAIT);
    }

    @Test
    void loadWhenFoundByKeyThenSecretAndNextAndNothingReadable() {
        String state = "0123456789abcdef0123456789abcdef";
        save(state, "v".repeat(64), "/next");
        String sealed = session.getAttributes().get(WebSessionPendingLoginRepository.ATTRIBUTE).toString();
        assertThat(sealed).doesNotContain(state, "v".repeat(64), "/next");

        PendingLogin p = load(state);
        assertThat(p).isNotNull();
        assertThat(p.secret()).isEqualTo("v".repeat(64));
        assertThat(p.next()).isEqualTo("/next");
        assertThat(p.createdAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(p.toString()).doesNotContain(state, "v".repeat(64));
        assertThat(load(state.replace('0', '1'))).isNull();
    }

    @Test
    void saveWhenMoreThanMaxThenOldestDropped() {
        for (int i = 0; i < 6; i++) {
            save("t" + i, "s" + i, "/n" + i);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(load("t0")).isNull();
        for (int i = 1; i < 6; i++) {
            PendingLogin p = load("t" + i);
            assertThat(p).isNotNull();
            assertThat(p.next()).isEqualTo("/n" + i);
            assertThat(p.secret()).isEqualTo("s" + i);
        }
    }

    @Test
    void saveWhenMaxSetLowerThenThatManyKept() {
        pending.setMaxPendingLogins(2);
        for (int i = 0; i < 3; i++) {
            save("t" + i, "s", "/");
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(load("t0")).isNull();
        assertThat(load("t1")).isNotNull();
        assertThat(load("t2")).isNotNull();
    }

    @Test
    void loadWhenOlderThanLifetimeThenEmpty() {
        save("t", "s", "/");

        clock.advance(Duration.ofSeconds(599));
        assertThat(load("t")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(load("t")).isNull();
    }

    @Test
    void loadWhenLifetimeSetThenThatLong() {
        pending.setLifetime(Duration.ofSeconds(60));
        save("t", "s", "/");

        clock.advance(Duration.ofSeconds(61));
        assertThat(load("t")).isNull();
    }

    @Test
    void removeWhenUsedThenGoneAndOthersKeptAndAttributeDroppedWhenEmpty() {
        save("a", "s", "/");
        save("b", "s", "/");

        StepVerifier.create(pending.remove(session, "a")).verifyComplete();

        assertThat(load("a")).isNull();
        assertThat(load("b")).isNotNull();
        StepVerifier.create(pending.remove(session, "b")).verifyComplete();
        assertThat(session.getAttributes()).doesNotContainKey(WebSessionPendingLoginRepository.ATTRIBUTE);
    }
}

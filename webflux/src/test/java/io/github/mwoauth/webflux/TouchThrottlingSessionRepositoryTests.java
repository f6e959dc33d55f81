package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.Session;

class TouchThrottlingSessionRepositoryTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Map<String, Session> stored = new ConcurrentHashMap<>();
    private final ReactiveMapSessionRepository map = new ReactiveMapSessionRepository(stored);
    private final TouchThrottlingSessionRepository<MapSession> repository =
            new TouchThrottlingSessionRepository<>(map, Duration.ofSeconds(60));

    @Test
    void saveWhenOnlyAccessedWithinIntervalThenNothingWritten() {
        String id = saved();
        Instant written = stored.get(id).getLastAccessedTime();

        accessAndSave(id, written.plusSeconds(59));

        assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(written);
    }

    @Test
    void saveWhenAccessedIntervalAfterStoredTimeThenAccessTimeWritten() {
        String id = saved();
        Instant later = stored.get(id).getLastAccessedTime().plusSeconds(60);

        accessAndSave(id, later);

        assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(later);
    }

    @Test
    void saveWhenIntervalLongerThanHalfTheIdleTimeoutThenHalfUsed() {
        map.setDefaultMaxInactiveInterval(Duration.ofSeconds(100));
        String id = saved();
        Instant later = stored.get(id).getLastAccessedTime().plusSeconds(50);

        accessAndSave(id, later);

        assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(later);
    }

    @Test
    void saveWhenAttributeSetThenWrittenWithTheAccessTime() {
        String id = saved();
        Instant soon = stored.get(id).getLastAccessedTime().plusSeconds(1);
        var session = repository.findById(id).block(WAIT);
        session.setLastAccessedTime(soon);
        session.setAttribute("user", "Bob");
        repository.save(session).block(WAIT);

        assertThat(stored.get(id).<String>getAttribute("user")).isEqualTo("Bob");
        assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(soon);
    }

    @Test
    void saveWhenAbsentAttributeRemovedThenNothingWritten() {
        String id = saved();
        Instant written = stored.get(id).getLastAccessedTime();
        var session = repository.findById(id).block(WAIT);
        session.setLastAccessedTime(written.plusSeconds(1));
        session.removeAttribute("absent");
        repository.save(session).block(WAIT);

        assertThat(stored.get(id).getLastAccessedTime()).isEqualTo(written);
    }

    @Test
    void saveWhenPresentAttributeRemovedThenWritten() {
        String id = saved();
        var session = repository.findById(id).block(WAIT);
        session.setAttribute("user", null);
        repository.save(session).block(WAIT);

        assertThat(stored.get(id).getAttributeNames()).doesNotContain("user");
    }

    @Test
    void saveWhenSessionIdChangedThenStoredUnderNewId() {
        String id = saved();
        var session = repository.findById(id).block(WAIT);
        String newId = session.changeSessionId();
        repository.save(session).block(WAIT);

        assertThat(stored).containsKey(newId).doesNotContainKey(id);
        assertThat(stored.get(newId).<String>getAttribute("user")).isEqualTo("Alice");
    }

    @Test
    void saveWhenMaxInactiveIntervalChangedThenWritten() {
        String id = saved();
        var session = repository.findById(id).block(WAIT);
        session.setMaxInactiveInterval(Duration.ofMinutes(5));
        repository.save(session).block(WAIT);

        assertThat(stored.get(id).getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void getLastAccessedTimeWhenNotWrittenThenTheRequestsTime() {
        String id = saved();
        Instant soon = stored.get(id).getLastAccessedTime().plusSeconds(1);
        var session = repository.findById(id).block(WAIT);
        session.setLastAccessedTime(soon);

        assertThat(session.getLastAccessedTime()).isEqualTo(soon);
    }

    @Test
    void constructorWhenNegativeIntervalThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TouchThrottlingSessionRepository<>(map, Duration.ofSeconds(-1)));
    }

    private String saved() {
        var session = repository.createSession().block(WAIT);
        session.setAttribute("user", "Alice");
        repository.save(session).block(WAIT);
        return session.getId();
    }

    private void accessAndSave(String id, Instant at) {
        var session = repository.findById(id).block(WAIT);
        session.setLastAccessedTime(at);
        repository.save(session).block(WAIT);
    }
}

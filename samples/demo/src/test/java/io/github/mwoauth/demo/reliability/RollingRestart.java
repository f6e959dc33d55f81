package io.github.mwoauth.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.demo.reliability.ScriptedUser.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Both instances restarted in turn under the scale-out load, measured: logged-in users reading their pages and
 * beginning logins, and new users logging in, all through nginx. Each instance in turn gets SIGTERM while nginx
 * still sends it requests, and shuts down gracefully (it stops listening, so nginx passes new connections to the
 * other instance, and finishes the requests it holds). Logins begun on it just before finish through nginx once
 * it is gone. It is started again and, as an orchestrator's readiness probe would have it, takes traffic from
 * nginx only once it listens and is warmed up. {@link #row(String)} is the results table's line and
 * {@link #assertTargets()} checks it against the targets of docs/RELIABILITY.md: not one request failed.
 */
final class RollingRestart implements Measurement {

    /** SIGTERM to exit: the demo's {@code spring.lifecycle.timeout-per-shutdown-phase} (10 s) and room. */
    static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(20);
    /** Logins begun directly on each instance just before it is stopped. */
    static final int HANDED_OVER = 5;

    /** One instance's restart: how long its shutdown and its start took, and the logins it left behind. */
    record Restart(DemoInstance instance, long stopping, long exited, long ready, List<String> handovers,
            Page readiness, Page health) {
    }

    private final List<ScriptedUser> users;
    private final List<Crowd.Sample> samples;
    private final List<Logins.Login> logins;
    private final List<Restart> restarts = new ArrayList<>();
    private final Crowd.Run after;
    private final DemoInstance[] instances;
    private final long millis;

    /** Runs it: {@code users} (logged in) load {@code deployment} through nginx while A, then B, restart. */
    RollingRestart(Deployment deployment, Crowd crowd, List<ScriptedUser> users) {
        String app = deployment.nginx.url();
        this.users = users;
        instances = new DemoInstance[] {deployment.a, deployment.b};
        long start = System.nanoTime();
        Crowd.Load load = new Crowd.Load(users, app, i -> i % 2 == 0 ? "/login?next=/" : "/");
        Logins running = new Logins(crowd, app, Duration.ofMillis(250));
        Ports.sleep(Duration.ofSeconds(1));
        for (DemoInstance instance : instances) {
            restarts.add(restart(deployment, crowd, instance));
            Ports.sleep(Duration.ofSeconds(1));
        }
        samples = load.stop();
        logins = running.stop();
        millis = (System.nanoTime() - start) / 1_000_000;
        after = Crowd.run(users, 10, user -> Crowd.checkPages(user, app));
    }

    private static Restart restart(Deployment deployment, Crowd crowd, DemoInstance instance) {
        String app = deployment.nginx.url();
        List<ScriptedUser> leaving = crowd.newUsers(HANDED_OVER);
        Map<ScriptedUser, String> callbacks = new LinkedHashMap<>();
        for (ScriptedUser user : leaving) {
            callbacks.put(user, user.beginLogin(instance.url()));
        }
        long stopping = System.nanoTime();
        instance.stopGracefully(SHUTDOWN_BOUND);
        long exited = System.nanoTime();
        List<String> handovers = new ArrayList<>();
        callbacks.forEach((user, callback) -> {
            Page done = user.finishLogin(callback, app);
            String failure = done.redirect() && done.location().startsWith("/") ? Crowd.checkPages(user, app)
                    : "callback answered " + done.status() + " (upstream " + done.upstream() + ")";
            handovers.add(failure == null ? null : user.name + ": " + failure);
        });
        // not ready yet: nginx sends it nothing until it listens and is warmed up, as a readiness probe would
        deployment.nginx.upstreamsDown(Set.of(instance.port));
        instance.start();
        instance.awaitReady(Duration.ofSeconds(90));
        ScriptedUser orchestrator = new ScriptedUser("orchestrator");
        Page readiness = orchestrator.get(instance.url() + "/actuator/health/readiness");
        crowd.warmUp(instance.url());
        Page health = orchestrator.get(instance.url() + "/actuator/health");
        long ready = System.nanoTime();
        deployment.nginx.upstreamsDown(Set.of());
        return new Restart(instance, stopping, exited, ready, handovers, readiness, health);
    }

    @Override
    public String row(String check) {
        StringBuilder notes = new StringBuilder().append(samples.size()).append(" requests under load in ")
                .append(String.format("%.1f s", millis / 1000.0)).append(": ").append(failed().size())
                .append(" failed (").append(failed().stream().filter(s -> s.status() == 503).count())
                .append(" × 503), slowest ").append(samples.stream().mapToLong(s -> s.took().toMillis()).max()
                        .orElse(-1)).append(" ms");
        for (Restart r : restarts) {
            notes.append("; ").append(r.instance().name).append(": exited ").append(millis(r.exited() - r.stopping()))
                    .append(" ms after SIGTERM, back in nginx ").append(millis(r.ready() - r.exited()))
                    .append(" ms later, ").append(HANDED_OVER - handoverFailures(r).size()).append("/")
                    .append(HANDED_OVER).append(" logins begun on it completed through nginx after it went away");
        }
        notes.append("; logins during the run: ").append(logins.size()).append(" (").append(spanning().size())
                .append(" under way while an instance shut down), ").append(logins.stream().filter(l -> l.attempts > 1).count())
                .append(" begun again, ").append(logins.stream().filter(l -> l.failure == null).count())
                .append(" completed; afterwards served by A: ").append(after.servedBy(instances[0]))
                .append(", by B: ").append(after.servedBy(instances[1])).append("; sessions ")
                .append(users.size() - after.failures.size()).append("/").append(users.size())
                .append(" still logged in");
        failed().stream().limit(10).forEach(s -> System.out.println("  failed: " + s.path() + " " + s.status() + " "
                + s.body().substring(0, Math.min(200, s.body().length()))));
        return Crowd.row(check, after, notes.toString());
    }

    @Override
    public void assertTargets() {
        assertThat(failed()).as("requests not answered 200 or 302 during the rolling restart").isEmpty();
        assertThat(logins).allSatisfy(l -> {
            assertThat(l.failure).as(l.user.name).isNull();
            assertThat(l.attempts).as(l.user.name + "'s attempts").isEqualTo(1);
        });
        assertThat(spanning()).as("logins under way while an instance shut down").isNotEmpty();
        for (Restart r : restarts) {
            assertThat(handoverFailures(r)).as("logins begun on %s before it stopped", r.instance().name).isEmpty();
            assertThat(r.readiness().status()).as("%s's readiness once it listens", r.instance().name).isEqualTo(200);
            assertThat(r.readiness().body()).contains("\"UP\"");
            // the health endpoint's details: Redis's (Boot's) and the wiki's, both up
            assertThat(r.health().body()).as("%s's health", r.instance().name)
                    .containsPattern("\"mediaWiki\":\\{(\"details\":\\{[^}]*\\},)?\"status\":\"UP\"")
                    .containsPattern("\"redis\":\\{(\"details\":\\{[^}]*\\},)?\"status\":\"UP\"");
        }
        assertThat(after.failures).isEmpty();
        assertThat(after.servedBy(instances[0])).as("requests served by the restarted A").isPositive();
        assertThat(after.servedBy(instances[1])).as("requests served by the restarted B").isPositive();
    }

    private List<Crowd.Sample> failed() {
        return samples.stream().filter(s -> s.status() != 200 && s.status() != 302).toList();
    }

    private List<Logins.Login> spanning() {
        return logins.stream().filter(l -> restarts.stream().anyMatch(r -> l.began < r.exited()
                && l.ended > r.stopping())).toList();
    }

    private static List<String> handoverFailures(Restart r) {
        return r.handovers().stream().filter(f -> f != null).toList();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}

package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.test.StepVerifier;

class LoginApproverTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ServerRequest request = ServerRequest.create(
            MockServerWebExchange.from(MockServerHttpRequest.get("/oauth-callback")),
            HandlerStrategies.withDefaults().messageReaders());

    @Test
    void requireGrantsWhenUserGrantedAllThenAccepted() {
        StepVerifier.create(LoginApprover.requireGrants("basic", "editpage").approve(request, TestIdentities.alice()))
                .expectComplete().verify(WAIT);
    }

    @Test
    void requireGrantsWhenOneMissingThenRefusedNamingIt() {
        StepVerifier.create(LoginApprover.requireGrants("editpage", "uploadfile").approve(request,
                        TestIdentities.alice()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoginRefusedException.class)
                        .hasMessageContaining("\"uploadfile\""))
                .verify(WAIT);
    }

    @Test
    void acceptAllWhenAnyoneThenAccepted() {
        StepVerifier.create(LoginApprover.acceptAll().approve(request, TestIdentities.alice())).expectComplete()
                .verify(WAIT);
    }
}

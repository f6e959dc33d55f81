package io.github.mwoauth.demo;

import io.github.mwoauth.testkit.boot.OfflineMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The twin of flask-mwoauth's {@code demo.py}. With {@code mediawiki.oauth.oauth1.consumer-key} set it talks to the
 * configured wiki (and to the Redis of {@code spring.data.redis.*}); without it, the testkit's {@link OfflineMode}
 * starts a LocalWiki with a demo consumer and user and an embedded Redis, so the whole flow runs offline.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its offline mode listener, as {@link #main} runs it (tests start it this way too). */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(DemoApplication.class);
        application.addListeners(new OfflineMode("mwoauth demo"));
        return application;
    }
}

package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTests {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ThrottledWarningTests.class.getName() + ".probe");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    @Test
    void logWhenRepeatedWithinASecondThenOneWarningAndTheRestAtDebugThenTheCountWithTheNextWarning()
            throws InterruptedException {
        ThrottledWarning warning = new ThrottledWarning(logger);

        for (int i = 0; i < 5; i++) {
            warning.log("store down for {}: {}", "GET /", i);
        }
        Thread.sleep(1_100);
        warning.log("store down for {}: {}", "GET /", 5);

        List<ILoggingEvent> events = appender.list;
        assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG,
                Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.WARN);
        assertThat(events.get(0).getFormattedMessage()).isEqualTo("store down for GET /: 0");
        assertThat(events.get(4).getFormattedMessage()).isEqualTo("store down for GET /: 4");
        assertThat(events.get(5).getFormattedMessage())
                .isEqualTo("store down for GET /: 5 (and 4 more since the last warning, at DEBUG)");
    }

    @Test
    void logWhenEachWarningComesOverASecondApartThenAllAreWarnings() throws InterruptedException {
        ThrottledWarning warning = new ThrottledWarning(logger);

        warning.log("first");
        Thread.sleep(1_100);
        warning.log("second");

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first", "second");
    }
}

package io.github.mwoauth.testkit;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link LocalWiki} for JUnit Jupiter tests. Registered on a {@code static} field it starts one wiki
 * per test class (faults and counts are reset after each test); on an instance field, one per test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalWikiExtension wiki = LocalWikiExtension.create();
 *
 * @Test
 * void test(LocalWiki localWiki) { ... wiki.get().apiUrl() ... }
 * }</pre>
 */
public final class LocalWikiExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final UnaryOperator<LocalWiki.Builder> customizer;
    private final java.util.function.Consumer<LocalWiki> setup;
    private @Nullable LocalWiki wiki;
    private boolean perClass;

    private LocalWikiExtension(UnaryOperator<LocalWiki.Builder> customizer,
            java.util.function.Consumer<LocalWiki> setup) {
        this.customizer = customizer;
        this.setup = setup;
    }

    /** A wiki on a random port with the system clock. */
    public static LocalWikiExtension create() {
        return new LocalWikiExtension(UnaryOperator.identity(), w -> { });
    }

    /** A wiki configured by {@code customizer}, e.g. {@code b -> b.clock(clock)}. */
    public static LocalWikiExtension create(UnaryOperator<LocalWiki.Builder> customizer) {
        return new LocalWikiExtension(Objects.requireNonNull(customizer, "customizer cannot be null"), w -> { });
    }

    /** A copy that runs {@code newSetup} on each wiki it starts, e.g. to register users and consumers. */
    public LocalWikiExtension withSetup(java.util.function.Consumer<LocalWiki> newSetup) {
        return new LocalWikiExtension(customizer, Objects.requireNonNull(newSetup, "setup cannot be null"));
    }

    /** The running wiki. */
    public LocalWiki get() {
        LocalWiki w = wiki;
        if (w == null) {
            throw new IllegalStateException("LocalWiki is not running (used outside a test?)");
        }
        return w;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        wiki = startWiki();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            wiki = startWiki();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) {
            LocalWiki w = wiki;
            if (w != null) {
                w.reset();
            }
        } else {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalWiki.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get();
    }

    private LocalWiki startWiki() {
        LocalWiki started = customizer.apply(LocalWiki.builder()).start();
        setup.accept(started);
        return started;
    }

    private void stop() {
        LocalWiki w = wiki;
        wiki = null;
        if (w != null) {
            w.close();
        }
    }
}

package dev.sequere.spring;

import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts application contexts for the tests. Tests drive the context themselves rather than
 * through spring-test's {@code SpringExtension}: the wiring paths and the shutdown order are
 * what is under test, so each test owns its context's start and close (and spring-test 7's
 * extension needs JUnit 6, while the build pins JUnit 5).
 */
final class TestContexts {

    private TestContexts() {
    }

    /**
     * Starts a context.
     *
     * @param properties environment properties, e.g. backend options
     * @param configs configuration classes
     * @return the refreshed context
     */
    static AnnotationConfigApplicationContext start(Map<String, Object> properties, Class<?>... configs) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.register(configs);
        context.refresh();
        return context;
    }

    /**
     * Starts a context without properties.
     *
     * @param configs configuration classes
     * @return the refreshed context
     */
    static AnnotationConfigApplicationContext start(Class<?>... configs) {
        return start(Map.of(), configs);
    }
}

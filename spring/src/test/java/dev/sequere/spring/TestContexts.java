package dev.sequere.spring;

import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockPropertySource;

/**
 * Starts application contexts by hand, for what spring-test's {@code SpringExtension} cannot
 * express: a start-up that must fail, a second context on the same storage, and a close whose
 * order is under test. Every other wiring test uses {@code @SpringJUnitConfig}.
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
        context.getEnvironment().getPropertySources().addFirst(mockProperties(properties));
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

    private static MockPropertySource mockProperties(Map<String, Object> properties) {
        MockPropertySource source = new MockPropertySource("test");
        properties.forEach(source::setProperty);
        return source;
    }
}

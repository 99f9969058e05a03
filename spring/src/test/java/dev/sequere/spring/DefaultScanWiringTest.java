package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.registry.TypeRegistration;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/** {@code @EnableSequere} without attributes scans the package of the annotated class and below. */
class DefaultScanWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(timelines = false)
    static class Config {
    }

    @Test
    void scansThePackageOfTheAnnotatedClass() {
        try (AnnotationConfigApplicationContext context = TestContexts.start(Config.class)) {
            assertThat(context.getBean(Sequere.class).registry().registrations())
                    .extracting(TypeRegistration::type).containsExactlyInAnyOrder("board", "member", "secret");
        }
    }
}

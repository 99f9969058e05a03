package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.backend.SelectedBackend;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's own {@link Backend} bean wins over a {@code DataSource}, and stays under the
 * application's control: the selection does not close it a second time.
 */
class OwnBackendWiringTest {

    /** A backend that counts how often it is closed. */
    static final class CountingBackend implements Backend {

        final Backend delegate = MemoryBackend.create();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public FollowStore follows() {
            return delegate.follows();
        }

        @Override
        public FeedStore feeds() {
            return delegate.feeds();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    static final CountingBackend BACKEND = new CountingBackend();

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class Config {

        @Bean
        Backend backend() {
            return BACKEND;
        }

        @Bean
        DataSource dataSource() {
            return JdbcWiringTest.h2(JdbcWiringTest.freshName());
        }
    }

    @Test
    void theApplicationsBackendBeanWinsAndIsClosedOnceByItsOwnBeanDefinition() {
        try (AnnotationConfigApplicationContext context = TestContexts.start(Config.class)) {
            SelectedBackend selected = context.getBean(SelectedBackend.class);
            assertThat(selected.backend()).isSameAs(BACKEND);
            assertThat(selected.owned()).isFalse();
            assertThat(context.getBean(Sequere.class).backend()).isSameAs(BACKEND);
        }
        assertThat(BACKEND.closed).hasValue(1);
    }
}

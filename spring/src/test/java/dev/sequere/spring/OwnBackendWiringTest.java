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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The application's own {@link Backend} bean wins over a {@code DataSource}, and stays under the
 * application's control: the selection does not close it a second time.
 */
@SpringJUnitConfig(OwnBackendWiringTest.Config.class)
class OwnBackendWiringTest {

    /** The backend the test saw, checked after spring-test closed its context. */
    static @Nullable CountingBackend used;

    /** A backend that counts how often it is closed. */
    static final class CountingBackend implements Backend {

        final Backend delegate = MemoryBackend.create();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public dev.sequere.spi.JobStore jobs() {
            return delegate.jobs();
        }

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

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class Config {

        @Bean
        Backend backend() {
            return new CountingBackend();
        }

        @Bean
        DataSource dataSource() {
            return JdbcWiringTest.h2(JdbcWiringTest.freshName());
        }
    }

    @Autowired
    Backend backend;

    @Autowired
    SelectedBackend selected;

    @Autowired
    Sequere sequere;

    @Test
    @DirtiesContext // closed right after this method, so closedOnceAfterTheContextClosed can count
    void theApplicationsBackendBeanWinsAndStoresTheFollows() {
        assertThat(selected.backend()).isSameAs(backend);
        assertThat(selected.owned()).isFalse();
        assertThat(sequere.backend()).isSameAs(backend);
        Member ann = new Member("ann", "Ann");
        Member bob = new Member("bob", "Bob");
        assertThat(sequere.follow(ann, bob)).isTrue();
        // Stored in the application's backend, not in the DataSource beside it.
        assertThat(((CountingBackend) backend).delegate.follows().exists(
                dev.sequere.Ref.of("member", "ann"), dev.sequere.Ref.of("member", "bob"))).isTrue();
        used = (CountingBackend) backend;
    }

    @AfterAll
    static void closedOnceAfterTheContextClosed() {
        if (used != null) {
            assertThat(used.closed).hasValue(1);
        }
    }
}

package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedKey;
import dev.sequere.spring.app.Member;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Timelines under Spring: fan-out on the context's {@code TaskExecutor}, and a context close that
 * lets pending fan-out finish before the backend closes.
 */
class TimelinesWiringTest {

    static final Verb SAY = Verb.of("say");
    static final int FOLLOWERS = 40;

    static SlowFeedBackend backend;

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class)
    static class Config {

        @Bean
        Backend backend() {
            return backend;
        }

        @Bean
        ThreadPoolTaskExecutor taskExecutor() {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setThreadNamePrefix("app-pool-");
            executor.setCorePoolSize(2);
            return executor;
        }

        @Bean
        SequereConfigurer verbs() {
            return new SequereConfigurer() {
                @Override
                public void configure(Sequere.Builder builder) {
                }

                @Override
                public void configureTimelines(Timelines.Builder builder) {
                    // One follower per batch makes the fan-out long enough to still be running
                    // when the context closes.
                    builder.verbs(Member.class, SAY).batchSize(1);
                }
            };
        }
    }

    @Test
    void fanOutRunsOnTheTaskExecutorAndFinishesBeforeTheBackendCloses() {
        backend = new SlowFeedBackend(5);
        Ref author = Ref.of("member", "author");
        try (AnnotationConfigApplicationContext context = TestContexts.start(Config.class)) {
            Sequere sequere = context.getBean(Sequere.class);
            for (int i = 0; i < FOLLOWERS; i++) {
                sequere.follow(Ref.of("member", "f" + i), author);
            }
            context.getBean(Timelines.class).of(author).save(Action.of(author, SAY).data(Map.of("text", "bye")));
            // Closed at once: fan-out to 40 followers at 5 ms per write is still pending.
        }
        assertThat(backend.closed).isTrue();
        assertThat(backend.writesAfterClose).hasValue(0);
        assertThat(backend.writerThreads).anyMatch(name -> name.startsWith("app-pool-"));
        for (int i = 0; i < FOLLOWERS; i++) {
            FeedKey home = new FeedKey(Ref.of("member", "f" + i), "private");
            assertThat(backend.delegate.feeds().count(home)).as("home of follower %d", i).isEqualTo(1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class)
    static class NoVerbs {
    }

    @Test
    void timelinesWithoutVerbsFailAtStartWithAHint() {
        assertThatThrownBy(() -> TestContexts.start(NoVerbs.class))
                .isInstanceOf(BeanCreationException.class)
                .rootCause().isInstanceOf(RegistrationException.class)
                .hasMessageContaining("configureTimelines").hasMessageContaining("timelines = false");
    }
}

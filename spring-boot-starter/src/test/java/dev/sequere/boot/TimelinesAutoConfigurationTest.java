package dev.sequere.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Follow;
import dev.sequere.Sequere;
import dev.sequere.boot.fixture.Member;
import dev.sequere.spring.FollowableLoader;
import dev.sequere.spring.SequereConfigurer;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FilterFeeds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The {@code Timelines} bean: when it exists, what configures it, and how it closes. */
class TimelinesAutoConfigurationTest {

    static final Verb SAY = Verb.of("say");
    static final int FOLLOWERS = 500;

    @Test
    void withoutVerbsThereIsNoTimelinesBeanAndFollowsStillWork() {
        Runners.starter().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Sequere.class).doesNotHaveBean(Timelines.class);
        });
    }

    @Test
    void propertiesBindAndConfigureTheTimelines() {
        Runners.starter().withPropertyValues(
                "sequere.backend=memory",
                "sequere.allow-self-follow=true",
                "sequere.timelines.verbs=say,like",
                "sequere.timelines.batch-size=7",
                "sequere.timelines.import-limit=3",
                "sequere.timelines.workers=0",
                "sequere.timelines.lease=2m",
                "sequere.timelines.poll-interval=250ms",
                "sequere.timelines.max-pending-fan-outs=9",
                "sequere.timelines.filter-feeds=all",
                "sequere.timelines.fan-out-executor=caller",
                "sequere.timelines.bounds.keep-newest=2",
                "sequere.timelines.bounds.retention=7d",
                "sequere.health.max-oldest-job-age=10m",
                "sequere.metrics.stats-max-age=5s").run(context -> {
                    assertThat(context).hasNotFailed();
                    SequereProperties properties = context.getBean(SequereProperties.class);
                    assertThat(properties.getBackend()).isEqualTo(BackendType.MEMORY);
                    assertThat(properties.getTimelines().getVerbs()).containsExactly("say", "like");
                    assertThat(properties.getTimelines().getBatchSize()).isEqualTo(7);
                    assertThat(properties.getTimelines().getImportLimit()).isEqualTo(3);
                    assertThat(properties.getTimelines().getWorkers()).isZero();
                    assertThat(properties.getTimelines().getLease()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.getTimelines().getPollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getTimelines().getMaxPendingFanOuts()).isEqualTo(9);
                    assertThat(properties.getTimelines().getFilterFeeds()).isEqualTo(FilterFeeds.ALL);
                    assertThat(properties.getTimelines().getFanOutExecutor()).isEqualTo(FanOutExecutor.CALLER);
                    assertThat(properties.getTimelines().getBounds().getRetention()).isEqualTo(Duration.ofDays(7));
                    assertThat(properties.getHealth().getMaxOldestJobAge()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(properties.getMetrics().getStatsMaxAge()).isEqualTo(Duration.ofSeconds(5));

                    Timelines timelines = context.getBean(Timelines.class);
                    assertThat(timelines.verbs().all().contains(Verb.of("say"))).isTrue();
                    // allow-self-follow reached the Sequere.
                    Member alice = new Member("alice");
                    assertThat(timelines.sequere().follow(alice, alice)).isTrue();
                    // keep-newest=2 reached the timelines: the third action pushes the first out.
                    for (int i = 0; i < 3; i++) {
                        timelines.of(alice).save(Action.of(alice, SAY));
                    }
                    assertThat(timelines.of(alice).publicFeed().count()).isEqualTo(2);
                });
    }

    @Test
    void customizersAndSequereConfigurersRegisterTypesAndVerbsInOrder() {
        SequereConfigurer configurer = new SequereConfigurer() {
            @Override
            public void configure(Sequere.Builder builder) {
            }

            @Override
            public void configureTimelines(Timelines.Builder builder) {
                builder.verbs(Member.class, Verb.of("join"));
            }
        };
        Runners.starter()
                .withBean(SequereConfigurer.class, () -> configurer)
                .withBean(TimelinesBuilderCustomizer.class, () -> builder -> builder.verbs("member", SAY))
                .run(context -> {
                    Timelines timelines = context.getBean(Timelines.class);
                    assertThat(timelines.verbs().all().contains(Verb.of("join"))).isTrue();
                    assertThat(timelines.verbs().all().contains(Verb.of("say"))).isTrue();
                });
    }

    @Test
    void theApplicationsTimelinesBeanWinsAndIsNotClosedByTheStarter() {
        Runners.starter()
                .withPropertyValues("sequere.timelines.verbs=say")
                .withUserConfiguration(OwnTimelines.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(Timelines.class).doesNotHaveBean("sequereTimelinesShutdown");
                    assertThat(context.getBean(Timelines.class).verbs().all().contains(Verb.of("own"))).isTrue();
                });
    }

    @Test
    void disabledTimelinesGiveNoBean() {
        Runners.starter().withPropertyValues("sequere.timelines.verbs=say", "sequere.timelines.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Timelines.class));
    }

    @Test
    void followableClassesOfTheApplicationPackageAreRegisteredWithTheirLoaders() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SequereAutoConfiguration.class))
                .withUserConfiguration(ScannedApplication.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Sequere sequere = context.getBean(Sequere.class);
                    sequere.follow(new Member("a"), new Member("b"));
                    // The loader bean serves the listing: objects come back, not refs.
                    assertThat(sequere.followings(new Member("a")).page(10).items())
                            .extracting(Follow::resource).containsExactly(new Member("b"));
                });
    }

    @Test
    void closingTheContextLetsPendingFanOutFinishOnTheTaskExecutor() {
        AtomicReference<Timelines> timelines = new AtomicReference<>();
        Member author = new Member("author");
        Runners.starter()
                .withPropertyValues("sequere.timelines.verbs=say", "sequere.timelines.batch-size=1")
                .withUserConfiguration(GatedExecutor.class)
                .run(context -> {
                    Timelines bean = context.getBean(Timelines.class);
                    timelines.set(bean);
                    for (int i = 0; i < FOLLOWERS; i++) {
                        bean.sequere().follow(new Member("f" + i), author);
                    }
                    bean.of(author).save(Action.of(author, SAY));
                    // The fan-out waits behind the gate until the context starts closing.
                    assertThat(bean.stats().pending()).isPositive();
                });
        for (int i = 0; i < FOLLOWERS; i++) {
            assertThat(timelines.get().of(new Member("f" + i)).privateFeed().count()).as("follower f" + i).isEqualTo(1);
        }
    }

    @Test
    void fanOutRunsOnBootsApplicationTaskExecutorEvenBesideATaskScheduler() {
        Runners.starter()
                .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                        TaskSchedulingAutoConfiguration.class))
                .withUserConfiguration(Scheduling.class)
                .withPropertyValues("sequere.timelines.verbs=say")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("applicationTaskExecutor").hasBean("taskScheduler");
                    // The executor is a dependency of the timelines: chosen, and shut down after them.
                    assertThat(context.getBeanFactory().getDependenciesForBean(
                            SequereTimelinesAutoConfiguration.TIMELINES_BEAN)).contains("applicationTaskExecutor");
                });
    }

    @Test
    void underLazyInitializationTheTimelinesStillStartTheirWorkers() {
        Runners.starter()
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new LazyInitializationBeanFactoryPostProcessor()))
                .withPropertyValues("sequere.timelines.verbs=say")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // Nothing asked for them, yet they exist: their workers run, and close() will stop them.
                    assertThat(context.getBeanFactory().containsSingleton("timelines")).isTrue();
                    assertThat(context.getBeanFactory().containsSingleton("sequereTimelinesShutdown")).isTrue();
                });
    }

    /** An application with scheduling on: Boot adds a TaskScheduler, itself a TaskExecutor. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }

    /** An application that defines its own timelines. */
    @Configuration(proxyBeanMethods = false)
    static class OwnTimelines {

        @Bean
        Timelines myTimelines(Sequere sequere) {
            return Timelines.builder(sequere).verbs(Verb.of("own")).workers(0).build();
        }
    }

    /** The application of {@link Member}, whose package the starter scans. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Member.class)
    static class ScannedApplication {

        @Bean
        FollowableLoader<Member> members() {
            return FollowableLoader.of(Member.class, ids -> ids.stream().map(Member::new).toList());
        }
    }

    /**
     * A task executor whose tasks start only once the context closes, so that fan-out is still
     * pending when the shutdown begins; destroying it drops what it has not run, so only the
     * starter's wait for pending fan-out gets the action to every follower.
     */
    @Configuration(proxyBeanMethods = false)
    static class GatedExecutor {

        final CountDownLatch gate = new CountDownLatch(1);

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService pool() {
            return Executors.newSingleThreadExecutor();
        }

        @Bean
        Executor taskExecutor(ExecutorService pool) {
            return task -> pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                task.run();
            });
        }

        @Bean
        ApplicationListener<ContextClosedEvent> openGate() {
            return event -> gate.countDown();
        }
    }
}

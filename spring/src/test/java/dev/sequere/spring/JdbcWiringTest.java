package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.backend.SelectedBackend;
import dev.sequere.spring.event.FollowedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The JDBC path on embedded H2: a {@code DataSource} bean and nothing else gives a JDBC backend
 * over it, with options from the environment, closed before the {@code DataSource}. The main
 * path runs in spring-test's context; the ambiguous and {@code @Primary} cases start their own,
 * because a start-up that must fail cannot be a spring-test context.
 */
@SpringJUnitConfig(JdbcWiringTest.OneDataSource.class)
@TestPropertySource(properties = "sequere.jdbc.table-prefix=" + JdbcWiringTest.TABLE_PREFIX)
@DirtiesContext // its H2 database is this class's own: no later test class may reuse the context
class JdbcWiringTest {

    static final String TABLE_PREFIX = "spring_test_";

    /** Each test context gets its own in-memory database, kept while the JVM runs so it can be reopened. */
    static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    static String freshName() {
        return "spring_" + UUID.randomUUID().toString().replace("-", "");
    }

    static final String DATABASE = freshName();

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class OneDataSource {

        @Bean
        DataSource dataSource() {
            return h2(DATABASE);
        }

        @Bean
        RecordedEvents events() {
            return new RecordedEvents();
        }
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Sequere sequere;

    @Autowired
    SelectedBackend selected;

    @Autowired
    RecordedEvents events;

    @Test
    void aDataSourceBeanGivesAPersistentJdbcBackendWithThePropertiesTablePrefix() throws Exception {
        assertThat(selected.backend()).isInstanceOf(JdbcBackend.class);
        assertThat(selected.owned()).isTrue();
        assertThat(selected.origin()).contains("'dataSource'");
        assertThat(sequere.backend()).isSameAs(selected.backend());
        // The backend is destroyed before the DataSource it writes through.
        assertThat(context.getBeanFactory().getDependentBeans("dataSource")).contains(SequereConfiguration.BACKEND_BEAN);

        Member ann = new Member("ann", "Ann");
        Member bob = new Member("bob", "Bob");
        assertThat(sequere.follow(ann, bob)).isTrue();
        assertThat(events.all()).singleElement().isInstanceOfSatisfying(FollowedEvent.class, e -> {
            assertThat(e.follower()).isEqualTo(Ref.of("member", "ann"));
            assertThat(e.followee()).isEqualTo(Ref.of("member", "bob"));
        });
        try (Connection c = h2(DATABASE).getConnection();
                ResultSet tables = c.getMetaData().getTables(null, null, TABLE_PREFIX.toUpperCase() + "%", null)) {
            assertThat(tables.next()).as("tables under the configured prefix").isTrue();
        }
        // A second context on the same database sees the follow: it was stored, not kept in memory.
        try (AnnotationConfigApplicationContext second = TestContexts.start(
                Map.of("sequere.jdbc.table-prefix", TABLE_PREFIX), OneDataSource.class)) {
            Sequere other = second.getBean(Sequere.class);
            assertThat(other.isFollowing(Ref.of("member", "ann"), Ref.of("member", "bob"))).isTrue();
            assertThat(other.followers(Ref.of("member", "bob")).count()).isEqualTo(1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class TwoDataSources {

        @Bean
        DataSource first() {
            return h2(freshName());
        }

        @Bean
        DataSource second() {
            return h2(freshName());
        }
    }

    @Test
    void twoDataSourcesWithoutAPrimaryOneAreRefused() {
        assertThatThrownBy(() -> TestContexts.start(TwoDataSources.class))
                .isInstanceOf(BeanCreationException.class)
                .rootCause().isInstanceOf(RegistrationException.class)
                .hasMessageContaining("2 DataSource beans").hasMessageContaining("@Primary");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class PrimaryDataSource {

        @Bean
        DataSource first() {
            return h2(freshName());
        }

        @Bean
        @Primary
        DataSource second() {
            return h2(freshName());
        }
    }

    @Test
    void thePrimaryDataSourceIsChosenAmongSeveral() {
        try (AnnotationConfigApplicationContext context = TestContexts.start(PrimaryDataSource.class)) {
            assertThat(context.getBean(SelectedBackend.class).origin()).contains("'second'");
        }
    }
}

package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.backend.SelectedBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The JDBC path on embedded H2: a {@code DataSource} bean and nothing else gives a JDBC backend
 * over it, with options from the environment, closed before the {@code DataSource}.
 */
class JdbcWiringTest {

    /** Each test gets its own in-memory database, kept while the JVM runs so it can be reopened. */
    static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    static String freshName() {
        return "spring_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String database = freshName();

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class, timelines = false)
    static class OneDataSource {

        @Bean
        DataSource dataSource() {
            return h2(database);
        }
    }

    @Test
    void aDataSourceBeanGivesAPersistentJdbcBackendWithThePropertiesTablePrefix() throws Exception {
        database = freshName();
        Map<String, Object> properties = Map.of("sequere.jdbc.table-prefix", "spring_test_");
        try (AnnotationConfigApplicationContext context = TestContexts.start(properties, OneDataSource.class)) {
            SelectedBackend selected = context.getBean(SelectedBackend.class);
            assertThat(selected.backend()).isInstanceOf(JdbcBackend.class);
            assertThat(selected.owned()).isTrue();
            assertThat(selected.origin()).contains("'dataSource'");
            // The backend is destroyed before the DataSource it writes through.
            assertThat(context.getBeanFactory().getDependentBeans("dataSource")).contains(SequereConfiguration.BACKEND_BEAN);
            context.getBean(Sequere.class).follow(new Member("ann", "Ann"), new Member("bob", "Bob"));
        }
        try (Connection c = h2(database).getConnection();
                ResultSet tables = c.getMetaData().getTables(null, null, "SPRING_TEST_%", null)) {
            assertThat(tables.next()).as("tables under the configured prefix").isTrue();
        }
        // A second context on the same database sees the follow: it was stored, not kept in memory.
        try (AnnotationConfigApplicationContext context = TestContexts.start(properties, OneDataSource.class)) {
            Sequere sequere = context.getBean(Sequere.class);
            assertThat(sequere.isFollowing(Ref.of("member", "ann"), Ref.of("member", "bob"))).isTrue();
            assertThat(sequere.followers(Ref.of("member", "bob")).count()).isEqualTo(1);
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

package dev.sequere.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.boot.fixture.Member;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spring.event.FollowedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/** Which backend {@code sequere.backend} and the context's beans give, and that the application's beans win. */
class BackendAutoConfigurationTest {

    @Test
    void withoutDataSourceOrClientTheBackendIsInMemory() {
        Runners.starter().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Backend.class)).isInstanceOf(MemoryBackend.class);
            Sequere sequere = context.getBean(Sequere.class);
            assertThat(sequere.backend()).isSameAs(context.getBean(Backend.class));
            assertThat(sequere.follow(new Member("a"), new Member("b"))).isTrue();
            assertThat(sequere.isFollowing(new Member("a"), new Member("b"))).isTrue();
        });
    }

    @Test
    void aDataSourceGivesTheJdbcBackendWithThePropertiesTablePrefix() {
        Runners.withH2("backend_auto").withPropertyValues("sequere.jdbc.table-prefix=app1_").run(context -> {
            assertThat(context).hasNotFailed();
            Backend backend = context.getBean(Backend.class);
            assertThat(backend).isInstanceOf(JdbcBackend.class);
            assertThat(((JdbcBackend) backend).tables().follows()).isEqualTo("app1_follow_edges");
            Sequere sequere = context.getBean(Sequere.class);
            sequere.follow(new Member("a"), new Member("b"));
            // The follow is a row of the application's database, in the prefixed table.
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM app1_follow_edges")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        });
    }

    @Test
    void createSchemaFalseOnAnEmptyDatabaseFailsStartUpNamingTheScriptsToApply() {
        Runners.withH2("backend_noschema").withPropertyValues("sequere.jdbc.create-schema=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("the Sequere tables (prefix 'sequere_') are "
                    + "missing: apply dev/sequere/jdbc/schema/h2/V1__sequere.sql");
        });
    }

    @Test
    void backendMemoryIgnoresTheDataSource() {
        Runners.withH2("backend_memory").withPropertyValues("sequere.backend=memory").run(context ->
                assertThat(context.getBean(Backend.class)).isInstanceOf(MemoryBackend.class));
    }

    @Test
    void backendJdbcWithoutDataSourceFailsStartUpWithTheReason() {
        Runners.starter().withPropertyValues("sequere.backend=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("sequere.backend=jdbc needs a javax.sql.DataSource bean");
        });
    }

    @Test
    void twoDataSourcesWithoutPrimaryFailStartUpInsteadOfGuessing() {
        Runners.starter()
                .withBean("one", DataSource.class, () -> h2("two_ds_one"))
                .withBean("two", DataSource.class, () -> h2("two_ds_two"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("mark the one Sequere "
                            + "should use @Primary");
                });
    }

    @Test
    void theApplicationsBackendBeanWins() {
        MemoryBackend own = MemoryBackend.create();
        Runners.withH2("backend_own").withBean("myBackend", Backend.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(Backend.class).doesNotHaveBean(SequereAutoConfiguration.BACKEND_BEAN);
            assertThat(context.getBean(Sequere.class).backend()).isSameAs(own);
        });
    }

    @Test
    void theApplicationsSequereBeanWinsAndNoBackendIsBuiltForNothing() {
        Sequere own = Sequere.builder().backend(MemoryBackend.create()).register(Member.class).build();
        Runners.withH2("backend_own_sequere").withBean("mySequere", Sequere.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(Sequere.class).doesNotHaveBean(Backend.class);
            assertThat(context.getBean(Sequere.class)).isSameAs(own);
        });
    }

    @Test
    void followsArePublishedAsApplicationEvents() {
        List<Object> events = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<?>> recorder = event -> events.add(event.getPayload());
        Runners.starter().withBean("recorder", ApplicationListener.class, () -> recorder).run(context -> {
            context.getBean(Sequere.class).follow(new Member("a"), new Member("b"));
            assertThat(events).filteredOn(FollowedEvent.class::isInstance).singleElement()
                    .extracting("followee").isEqualTo(Ref.of("member", "b"));
        });
    }

    private static DataSource h2(String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}

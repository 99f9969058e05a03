package dev.sequere.jdbc.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Follow;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.event.SequereListener;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.spi.Backend;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Hibernate over a real database: entities registered from the SessionFactory, loaded back
 * in one query per page, proxies mapped to their entity type. Each run works in its own schema
 * and drops only that schema.
 */
abstract class HibernateTypesContract {

    private String schema;
    private SessionFactory sessionFactory;
    private Backend backend;

    /** The database's pooled data source. */
    protected abstract DataSource dataSource();

    /** A fresh Sequere backend with its own tables. */
    protected abstract Backend newBackend();

    /** Drops what {@link #newBackend()} made. */
    protected abstract void dispose(Backend backend);

    @BeforeEach
    void setUp() throws SQLException {
        schema = "hib" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        execute("CREATE SCHEMA " + schema);
        Configuration configuration = new Configuration().addAnnotatedClass(Member.class).addAnnotatedClass(Repo.class);
        configuration.getProperties().put("hibernate.connection.datasource", dataSource());
        configuration.setProperty("hibernate.default_schema", schema);
        configuration.setProperty("hibernate.hbm2ddl.auto", "create");
        configuration.setProperty("hibernate.generate_statistics", "true");
        sessionFactory = configuration.buildSessionFactory();
        backend = newBackend();
    }

    @AfterEach
    void tearDown() throws SQLException {
        try {
            sessionFactory.close();
            dispose(backend);
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void registersEveryEntityWithNamesFromTheEntityName() {
        List<TypeRegistration<?>> registrations = HibernateTypes.from(sessionFactory).build();
        assertThat(registrations).extracting(TypeRegistration::type).containsExactly("member", "repo");
        assertThat(HibernateTypes.from(sessionFactory).type(Repo.class, "project").only(Repo.class).build())
                .extracting(TypeRegistration::type).containsExactly("project");
        assertThatThrownBy(() -> HibernateTypes.from(sessionFactory).only(String.class).build())
                .isInstanceOf(RegistrationException.class).hasMessageContaining("not entities");
        assertThatThrownBy(() -> HibernateTypes.from(sessionFactory).type(Repo.class, "Bad Name").build())
                .isInstanceOf(RegistrationException.class).hasMessageContaining("Bad Name");
    }

    @Test
    void followsEntitiesAndProxiesAndLoadsEachPageInOneQuery() {
        String slug = "o'reilly; DROP TABLE x --%_\\";
        sessionFactory.inTransaction(s -> {
            for (long i = 1; i <= 5; i++) {
                s.persist(new Member(i, "m" + i));
            }
            s.persist(new Repo(slug));
        });
        List<Ref> missing = new ArrayList<>();
        Sequere.Builder builder = Sequere.builder().backend(backend).listener(new SequereListener() {
            @Override
            public void onMissingResource(Ref ref) {
                missing.add(ref);
            }
        });
        HibernateTypes.from(sessionFactory).type(Repo.class, "project").build().forEach(builder::register);
        Sequere sequere = builder.build();

        Repo repo = sessionFactory.fromSession(s -> s.find(Repo.class, slug));
        for (long i = 1; i <= 4; i++) {
            long id = i;
            assertThat(sequere.follow(sessionFactory.fromSession(s -> s.find(Member.class, id)), repo)).isTrue();
        }
        // A lazy proxy maps to its entity type, and reading its id does not initialize it.
        sessionFactory.inSession(s -> {
            Member proxy = s.getReference(Member.class, 5L);
            assertThat(proxy.getClass()).isNotEqualTo(Member.class);
            assertThat(sequere.ref(proxy)).isEqualTo(Ref.of("member", "5"));
            assertThat(sequere.follow(proxy, repo)).isTrue();
            assertThat(Hibernate.isInitialized(proxy)).isFalse();
        });
        assertThat(sequere.ref(repo)).isEqualTo(Ref.of("project", slug));

        Statistics statistics = sessionFactory.getStatistics();
        long before = statistics.getPrepareStatementCount();
        Page<Follow<Member>> page = sequere.followers(repo).ofType(Member.class).page(20);
        assertThat(statistics.getPrepareStatementCount() - before).isEqualTo(1);
        assertThat(page.items()).extracting(f -> f.resource().getName()).containsExactly("m5", "m4", "m3", "m2", "m1");

        // A deleted entity is skipped and reported, never returned as null.
        sessionFactory.inTransaction(s -> s.remove(s.find(Member.class, 3L)));
        assertThat(sequere.followers(repo).ofType(Member.class).page(20).items())
                .extracting(f -> f.resource().getId()).containsExactly(5L, 4L, 2L, 1L);
        assertThat(missing).containsExactly(Ref.of("member", "3"));
        assertThat(sequere.followings(sessionFactory.fromSession(s -> s.find(Member.class, 1L))).page(5).items())
                .extracting(f -> ((Repo) f.resource()).getSlug()).containsExactly(slug);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

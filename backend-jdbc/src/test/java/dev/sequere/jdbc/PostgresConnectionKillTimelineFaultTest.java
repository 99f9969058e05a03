package dev.sequere.jdbc;

import dev.sequere.timeline.tck.TimelineFaultWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Sequere;
import dev.sequere.jdbc.schema.SchemaMigrator;
import dev.sequere.timeline.Timelines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend's PostgreSQL connections terminated ({@code pg_terminate_backend}) again and again
 * in the middle of a timeline workload, on the shared server: the test's own Hikari pool sets an
 * {@code ApplicationName} no other session uses, and only sessions with that name (and not the
 * terminating session itself) are terminated. Tables live under a table prefix of their own,
 * dropped afterwards.
 *
 * <p>Each storm terminates the pool's sessions back to back for a second, so calls fail for its
 * whole length. Asserted: those calls fail with {@code BackendException} only, the workload
 * resumes after each storm, no acknowledged write is lost (a commit PostgreSQL acknowledged is
 * durable), and the jobs alone (no rebuild) bring every timeline back to the invariants.
 *
 * <p>{@code -Dsequere.soak=true} runs ten storms instead of three.
 */
class PostgresConnectionKillTimelineFaultTest {

    private static final boolean SOAK = Boolean.getBoolean("sequere.soak");
    private static final long STORM_MILLIS = 1_000;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void terminatedConnectionsFailCallsCleanlyLoseNothingAcknowledgedAndJobsConverge() throws Exception {
        String url = TestDatabase.POSTGRES.jdbcUrl();
        String applicationName = "sequere-fault-" + UUID.randomUUID().toString().substring(0, 8);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        config.setPoolName(applicationName);
        config.addDataSourceProperty("ApplicationName", applicationName);
        String prefix = TestDatabase.uniquePrefix();
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection killer = DriverManager.getConnection(url)) {
            JdbcBackend backend = JdbcBackend.builder(pool).tablePrefix(prefix).build();
            try {
                Sequere sequere = TimelineFaultWorkload.sequere(backend);
                try (Timelines timelines = TimelineFaultWorkload.timelines(sequere).build()) {
                    TimelineFaultWorkload workload = new TimelineFaultWorkload(sequere, timelines, 8, 3, 53);
                    workload.start();
                    workload.awaitProgress(200, Duration.ofSeconds(30));
                    int storms = SOAK ? 10 : 3;
                    long terminated = 0;
                    for (int i = 0; i < storms; i++) {
                        long failedBefore = workload.failed();
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORM_MILLIS);
                        while (System.nanoTime() < end) {
                            // Back to back: a session opened by the pool lives about a millisecond.
                            terminated += terminate(killer, applicationName);
                        }
                        System.out.printf("postgres storm %d: %d calls failed%n", i + 1,
                                workload.failed() - failedBefore);
                        workload.awaitProgress(SOAK ? 1_000 : 150, Duration.ofSeconds(30));
                    }
                    workload.stop();
                    System.out.println("postgres terminate x" + storms + " (" + terminated + " sessions): "
                            + workload.summary());

                    assertThat(terminated).as("sessions terminated").isPositive();
                    // Storage calls retried by the RetryPolicy (hidden from callers) or calls failed.
                    assertThat(workload.failed() + timelines.stats().retries()).as("failures seen").isPositive();
                    workload.assertOnlyBackendExceptions();
                    List<String> lost = workload.lost();
                    System.out.println("postgres terminate: " + lost.size() + " of " + workload.checkedWrites()
                            + " acknowledged writes lost");
                    assertThat(lost).as("acknowledged writes lost").isEmpty();
                    Duration converged = workload.awaitEmptyBacklog(Duration.ofMinutes(2));
                    System.out.println("postgres terminate: job backlog empty " + converged.toMillis()
                            + " ms after the workload stopped; stats " + timelines.stats());
                    workload.assertExactTimelines();
                }
            } finally {
                new SchemaMigrator(pool, backend.dialect(), backend.tables()).drop();
                backend.close();
            }
        }
    }

    /** Terminates the sessions of the test's pool, never any other. */
    private static long terminate(Connection killer, String applicationName) throws SQLException {
        try (PreparedStatement statement = killer.prepareStatement("SELECT count(pg_terminate_backend(pid)) "
                + "FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, applicationName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

package dev.sequere.jdbc;

import java.time.Duration;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Testcontainers fallback, used only when no server URL is set: starts one throw-away
 * container per database and test JVM if Docker is available. Referenced lazily so that runs
 * with the environment variables set never touch Docker.
 */
final class Containers {

    private static GenericContainer<?> postgres;
    private static GenericContainer<?> mariadb;

    private Containers() {
    }

    static synchronized Optional<String> postgres() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        if (postgres == null) {
            postgres = new GenericContainer<>("postgres:15-alpine").withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                    .withEnv("POSTGRES_DB", "test").withExposedPorts(5432)
                    .waitingFor(Wait.forLogMessage(".*ready to accept connections.*\\n", 2))
                    .withStartupTimeout(Duration.ofMinutes(2));
            postgres.start();
        }
        return Optional.of("jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432)
                + "/test?user=postgres");
    }

    static synchronized Optional<String> mariadb() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        if (mariadb == null) {
            mariadb = new GenericContainer<>("mariadb:10.11").withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
                    .withEnv("MARIADB_DATABASE", "test").withExposedPorts(3306)
                    .waitingFor(Wait.forLogMessage(".*ready for connections.*\\n", 2))
                    .withStartupTimeout(Duration.ofMinutes(2));
            mariadb.start();
        }
        return Optional.of("jdbc:mariadb://" + mariadb.getHost() + ":" + mariadb.getMappedPort(3306)
                + "/test?user=root&password=");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

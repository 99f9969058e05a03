package dev.sequere.spring.backend;

import dev.sequere.RegistrationException;
import dev.sequere.spi.Backend;
import org.springframework.core.env.Environment;

/** Placeholder until the JDBC backend's API is settled. */
final class JdbcBackends {

    static final String CLASS_NAME = "dev.sequere.jdbc.JdbcBackend";

    private JdbcBackends() {
    }

    static Backend create(Object dataSource, Environment environment) {
        throw new RegistrationException("JDBC backend not supported yet");
    }
}

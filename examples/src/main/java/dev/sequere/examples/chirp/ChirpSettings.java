package dev.sequere.examples.chirp;

import dev.sequere.examples.chirp.user.PasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How chirp runs, from command-line flags ({@code --port=8080}) or environment variables
 * ({@code CHIRP_PORT}); a flag wins over the variable.
 *
 * <ul>
 *   <li>{@code --port} / {@code CHIRP_PORT}: HTTP port, default 8080 (0 picks a free one);</li>
 *   <li>{@code --h2} / {@code CHIRP_H2}: file of the embedded H2 database (users, and follows
 *       unless told otherwise), default {@code examples/data/chirp/chirp};</li>
 *   <li>{@code --db} / {@code CHIRP_DB}: a JDBC URL (e.g. PostgreSQL) used instead of H2 for users
 *       and follows;</li>
 *   <li>{@code --redis} / {@code CHIRP_REDIS}: a Redis URL; follows and timelines go there, users
 *       stay in the database;</li>
 *   <li>{@code --prefix} / {@code CHIRP_PREFIX}: prefix of chirp's tables and Redis keys,
 *       default {@code chirp_}.</li>
 * </ul>
 *
 * @param port HTTP port
 * @param h2File H2 database file (without extension)
 * @param jdbcUrl a JDBC URL overriding H2, or {@code null}
 * @param redisUrl a Redis URL for follows and timelines, or {@code null}
 * @param prefix prefix of tables and keys, {@code [a-z][a-z0-9_]*}
 * @param passwordIterations PBKDF2 iterations for new passwords
 */
public record ChirpSettings(int port, Path h2File, @Nullable String jdbcUrl, @Nullable String redisUrl, String prefix,
        int passwordIterations) {

    /** Validates the settings. */
    public ChirpSettings {
        Objects.requireNonNull(h2File, "h2File");
        Objects.requireNonNull(prefix, "prefix");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        if (!prefix.matches("[a-z][a-z0-9_]{0,20}")) {
            throw new IllegalArgumentException("prefix must match [a-z][a-z0-9_]{0,20}, was " + prefix);
        }
    }

    /**
     * Reads flags, then environment variables, then defaults.
     *
     * @param args command-line arguments, {@code --name=value}
     * @param env environment variables
     * @return the settings
     */
    public static ChirpSettings from(String[] args, Map<String, String> env) {
        Map<String, String> flags = new java.util.HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use --name=value (--port, --h2, --db, "
                        + "--redis, --prefix)");
            }
            int eq = arg.indexOf('=');
            flags.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        String port = value(flags, env, "port", "8080");
        String h2 = value(flags, env, "h2", defaultH2());
        return new ChirpSettings(Integer.parseInt(port), Path.of(h2), blankToNull(value(flags, env, "db", "")),
                blankToNull(value(flags, env, "redis", "")), value(flags, env, "prefix", "chirp_"),
                PasswordHasher.DEFAULT_ITERATIONS);
    }

    private static String value(Map<String, String> flags, Map<String, String> env, String name, String fallback) {
        String flag = flags.get(name);
        if (flag != null) {
            return flag;
        }
        String variable = env.get("CHIRP_" + name.toUpperCase(java.util.Locale.ROOT));
        return variable != null ? variable : fallback;
    }

    /** Under examples/data when started from the repository root (the README command), else data/. */
    private static String defaultH2() {
        return Files.isDirectory(Path.of("examples")) ? "examples/data/chirp/chirp" : "data/chirp/chirp";
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}

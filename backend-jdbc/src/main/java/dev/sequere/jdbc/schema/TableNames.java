package dev.sequere.jdbc.schema;

import dev.sequere.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * The backend's table names under one prefix. A prefix lets several applications (or test
 * classes) share a database without seeing each other's rows.
 *
 * <p>Prefixes are lower-case and never quoted, so the same names work unquoted on every database
 * (H2 folds them to upper case, PostgreSQL to lower case) and in the shipped SQL files.
 *
 * @param prefix the prefix, {@code [a-z][a-z0-9_]{0,29}}, for example {@code "sequere_"}
 */
public record TableNames(String prefix) {

    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "sequere_";

    /** The placeholder the shipped SQL files use for the prefix. */
    public static final String PLACEHOLDER = "${prefix}";

    // 30 characters leave room for the longest suffix (an index name) within PostgreSQL's 63.
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

    /** Validates the prefix. */
    public TableNames {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidArgumentException("table prefix '" + prefix + "' is invalid: use 1 to 30 characters "
                    + "among a-z, 0-9 and '_', starting with a letter (for example \"sequere_\")");
        }
    }

    /**
     * The follow edges.
     *
     * @return the table name
     */
    public String follows() {
        return prefix + "follows";
    }

    /**
     * The feed entries.
     *
     * @return the table name
     */
    public String feedEntries() {
        return prefix + "feed_entries";
    }

    /**
     * The item bodies.
     *
     * @return the table name
     */
    public String items() {
        return prefix + "items";
    }

    /**
     * The applied schema versions.
     *
     * @return the table name
     */
    public String schemaVersion() {
        return prefix + "schema_version";
    }

    /**
     * Replaces the placeholder in a shipped SQL text with this prefix.
     *
     * @param sql SQL using {@value #PLACEHOLDER}
     * @return the SQL for these tables
     */
    public String apply(String sql) {
        return sql.replace(PLACEHOLDER, prefix);
    }
}

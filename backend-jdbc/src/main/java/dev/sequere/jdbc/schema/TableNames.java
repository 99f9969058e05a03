package dev.sequere.jdbc.schema;

import dev.sequere.InvalidArgumentException;
import java.util.List;
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
     * The resources, each {@code (type, id)} with its {@code BIGINT} surrogate {@code rid}.
     *
     * @return the table name
     */
    public String resources() {
        return prefix + "resources";
    }

    /**
     * The follow edges, keyed by surrogates.
     *
     * @return the table name
     */
    public String follows() {
        return prefix + "follow_edges";
    }

    /**
     * The feed rows, keyed by the owner's surrogate.
     *
     * @return the table name
     */
    public String feedEntries() {
        return prefix + "feed_rows";
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
     * The follower and following counters: slots per resource and direction, summed on read.
     *
     * @return the table name
     */
    public String followCounts() {
        return prefix + "follow_counts";
    }

    /**
     * The durable jobs (the outbox of the timeline's fan-outs, imports, removals and deletes).
     *
     * @return the table name
     */
    public String jobs() {
        return prefix + "jobs";
    }

    /**
     * A scalar subquery yielding the surrogate of the resource bound to its two parameters
     * ({@code type}, {@code id}), or {@code NULL} when the resource was never stored, which no
     * row matches. Every optimizer evaluates it once and then walks an index on the surrogate.
     *
     * @return the subquery, with two {@code ?} placeholders
     */
    public String rid() {
        return "(SELECT rid FROM " + resources() + " WHERE res_type = ? AND res_id = ?)";
    }

    /**
     * Every table any schema version created, newest first (for {@code drop}).
     *
     * @return the table names
     */
    public List<String> allTables() {
        return List.of(followCounts(), jobs(), items(), feedEntries(), follows(), resources(), prefix + "feed_entries",
                prefix + "follows", schemaVersion());
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

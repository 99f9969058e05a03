package dev.sequere.jdbc.schema;

import dev.sequere.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One versioned DDL script shipped as a class-path resource,
 * {@code dev/sequere/jdbc/schema/<dialect>/V<version>__<description>.sql}, written with the
 * {@value TableNames#PLACEHOLDER} placeholder. Teams that manage their schema themselves can
 * copy these files into their own migration tool.
 *
 * @param version the schema version the script brings the tables to
 * @param description a short name, from the file name
 */
public record Migration(int version, String description) {

    /** Every migration, oldest first. Appending is how the schema evolves. */
    public static final List<Migration> ALL = List.of(new Migration(1, "sequere"), new Migration(2, "surrogate_keys"),
            new Migration(3, "feed_key_entry_first"), new Migration(4, "jobs"),
            new Migration(5, "follow_counts"));

    /** Validates the record. */
    public Migration {
        Objects.requireNonNull(description, "description");
    }

    /**
     * The resource path of this script for a dialect.
     *
     * @param dialect the dialect's name
     * @return the class-path resource name
     */
    public String resource(String dialect) {
        return "dev/sequere/jdbc/schema/" + dialect + "/V" + version + "__" + description + ".sql";
    }

    /**
     * The script's statements for a dialect and a prefix, split on the semicolons that end lines
     * (the shipped files hold no semicolons inside literals), comments removed.
     *
     * @param dialect the dialect's name
     * @param tables the table names to substitute
     * @return the statements, in order
     */
    public List<String> statements(String dialect, TableNames tables) {
        String text = read(resource(dialect));
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(tables.apply(statement.substring(0, statement.length() - 1)));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(tables.apply(current.toString().strip()));
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new BackendException("schema script " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("cannot read schema script " + resource, e);
        }
    }
}

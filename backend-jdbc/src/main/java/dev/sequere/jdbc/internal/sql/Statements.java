package dev.sequere.jdbc.internal.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding helpers: every value reaches the database as a parameter, never inside SQL text. */
public final class Statements {

    private Statements() {
    }

    /**
     * Binds values from parameter index {@code first} on.
     *
     * @param statement the statement
     * @param first the index of the first parameter to set
     * @param values {@link String}s, {@link Long}s or {@link Integer}s
     * @return the index after the last parameter set
     * @throws SQLException when binding fails
     */
    public static int bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
        int index = first;
        for (Object value : values) {
            if (value instanceof String s) {
                statement.setString(index++, s);
            } else if (value instanceof Long l) {
                statement.setLong(index++, l);
            } else if (value instanceof Integer i) {
                statement.setInt(index++, i);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
            }
        }
        return index;
    }
}

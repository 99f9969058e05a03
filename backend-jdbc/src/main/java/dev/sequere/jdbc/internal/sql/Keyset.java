package dev.sequere.jdbc.internal.sql;

import dev.sequere.jdbc.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The "strictly after this position" predicate of keyset paging over several columns, as a
 * row-value comparison where the database optimizes it, else expanded into nested ranges.
 *
 * @param sql the predicate, with {@code ?} placeholders
 * @param params the values to bind, in order
 */
public record Keyset(String sql, List<Object> params) {

    /** Copies the parameters. */
    public Keyset {
        params = List.copyOf(params);
    }

    /**
     * Builds the predicate {@code (c1, c2, ...) > (v1, v2, ...)} (or {@code <}).
     *
     * @param dialect decides the form
     * @param columns the ordering columns, most significant first
     * @param values the position's values, same order
     * @param ascending {@code true} for "greater than" (oldest first), {@code false} for "less"
     * @return the predicate
     */
    public static Keyset after(Dialect dialect, List<String> columns, List<?> values, boolean ascending) {
        String op = ascending ? " > " : " < ";
        if (dialect.rowValueComparison() || columns.size() == 1) {
            String placeholders = "?, ".repeat(columns.size() - 1) + "?";
            String sql = columns.size() == 1 ? columns.get(0) + op + "?"
                    : "(" + String.join(", ", columns) + ")" + op + "(" + placeholders + ")";
            return new Keyset(sql, new ArrayList<>(values));
        }
        // c1 > v1 OR (c1 = v1 AND (c2 > v2 OR (c2 = v2 AND c3 > v3)))
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int last = columns.size() - 1;
        for (int i = 0; i < last; i++) {
            sql.append('(').append(columns.get(i)).append(op).append("? OR (").append(columns.get(i)).append(" = ? AND ");
            params.add(values.get(i));
            params.add(values.get(i));
        }
        sql.append(columns.get(last)).append(op).append('?');
        params.add(values.get(last));
        sql.append("))".repeat(last));
        return new Keyset(sql.toString(), params);
    }
}

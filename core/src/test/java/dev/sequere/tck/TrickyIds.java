package dev.sequere.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ids that break naive backends: key separators, glob and LIKE wildcards, quotes and SQL
 * comments, path syntax, every kind of Unicode a column or a key might mangle, strings that
 * case-insensitive, accent-insensitive or pad-space collations would call equal, and ids of the
 * longest allowed length. Every one is a valid {@link dev.sequere.Ref} id, and all of them are
 * pairwise distinct, so a backend must keep them apart.
 */
public final class TrickyIds {

    /** An ASCII id of the maximum length. */
    public static final String LONGEST_ASCII = "x".repeat(255);

    /** A CJK id of the maximum length (3 UTF-8 bytes per character). */
    public static final String LONGEST_CJK = "漢".repeat(255);

    /** An emoji id of the maximum length (surrogate pairs, 4 UTF-8 bytes per code point). */
    public static final String LONGEST_EMOJI = "😀".repeat(127) + "z";

    private static final List<String> ALL = build();

    private TrickyIds() {
    }

    /**
     * Every tricky id, pairwise distinct.
     *
     * @return an immutable list
     */
    public static List<String> all() {
        return ALL;
    }

    /**
     * Pairs of ids that a lax store would confuse: the first looks like a key, path or pattern
     * that reaches the second, or a collation would call the two equal.
     *
     * @return pairs as two-element lists
     */
    public static List<List<String>> confusablePairs() {
        return List.of(
                List.of("1", "1:followers"),
                List.of("1", "{1}"),
                List.of("1", "1'--"),
                List.of("1", "1 "),
                List.of("1", " 1"),
                List.of("1", "1*"),
                List.of("1", "1?"),
                List.of("1", "[1]"),
                List.of("1", "user/1"),
                List.of("1", "1%"),
                List.of("12", "1_"),
                List.of("abc", "ABC"),
                List.of("é", "e\u0301"),
                List.of("ss", "ß"),
                List.of("A", "Ａ"),
                List.of("a", "a\u00a0"));
    }

    private static List<String> build() {
        List<String> ids = new ArrayList<>(List.of(
                "1", "12", "a", "a\u00a0", "1:followers", "1:followings", "followers", "1:", ":1", ":", "::",
                "{1}", "{", "}", "{user}:1",
                "1'--", "'", "''", "\"", "\"quoted\"", "'; DROP TABLE follows; --", "\\", "\\'", "1;2",
                "a b", " ", "  ", "1 ", " 1", "\u00a0",
                "%", "_", "1%", "1_", "%%", "*", "?", "[", "]", "[1]", "1*", "1?", "[a-z]*", "^$", ".*",
                "user/1", "/", "../1", "user:1", "user%3A1", "1#2", "1&a=2", "NULL", "null", "0", "-1", "1.0", "01",
                "abc", "ABC", "Abc", "ss", "ß", "A", "Ａ", "é", "e\u0301", "ǅ", "İ", "ı",
                "😀", "👨‍👩‍👧", "🏳️‍🌈", "漢字", "中文 id", "日本語:1", "مرحبا", "עברית", "Ωμέγα", "\u2028", "\u200b", "\ufeff",
                "z̴̢͔a̷͍l̸g̵o̶", "€", "\uFFFD",
                LONGEST_ASCII, LONGEST_CJK, LONGEST_EMOJI));
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalStateException("tricky ids must be distinct");
        }
        return Collections.unmodifiableList(ids);
    }
}

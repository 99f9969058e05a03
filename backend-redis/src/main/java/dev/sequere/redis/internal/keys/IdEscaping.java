package dev.sequere.redis.internal.keys;

/**
 * Escapes an id for use inside a key's hash tag.
 *
 * <p>Redis Cluster hashes only what lies between the first <code>'{'</code> and the next <code>'}'</code>,
 * so an id holding <code>'}'</code> could end the tag early and move a resource's keys to another
 * slot, and one holding <code>"}:fers"</code> could forge another key. Escaping <code>'}'</code>,
 * <code>'{'</code> and the escape character itself as {@code %XX} makes the mapping injective and
 * keeps the tag closed by our own brace. Glob characters ({@code * ? [ ] \}) and spaces are
 * escaped too, so every key is a literal {@code SCAN MATCH}/{@code KEYS} pattern of itself and
 * operators can type it in {@code redis-cli} without quoting surprises. Everything else,
 * Unicode included, is kept as its UTF-8 bytes: readable keys, no size blow-up.
 */
public final class IdEscaping {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private IdEscaping() {
    }

    /**
     * Escapes an id.
     *
     * @param id a valid {@link dev.sequere.Ref} id (no control characters)
     * @return the escaped form, identical to {@code id} for ordinary ids
     */
    public static String escape(String id) {
        int first = firstSpecial(id);
        if (first < 0) {
            return id;
        }
        StringBuilder out = new StringBuilder(id.length() + 8);
        out.append(id, 0, first);
        for (int i = first; i < id.length(); i++) {
            char c = id.charAt(i);
            if (isSpecial(c)) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Reverses {@link #escape}.
     *
     * @param escaped an escaped id
     * @return the original id
     */
    public static String unescape(String escaped) {
        int first = escaped.indexOf('%');
        if (first < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        out.append(escaped, 0, first);
        for (int i = first; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstSpecial(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (isSpecial(id.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpecial(char c) {
        switch (c) {
            case '%': case '{': case '}': case '*': case '?': case '[': case ']': case '\\': case ' ':
                return true;
            default:
                return false;
        }
    }
}

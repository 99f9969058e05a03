package dev.sequere.timeline.internal.job;

import dev.sequere.Ref;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EpochMicros;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text forms of what jobs carry: refs and follower positions, one field per line. Ref ids never
 * hold control characters (see {@link Ref}), so a newline cannot occur inside a field.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * Encodes refs, in order.
     *
     * @param refs the refs
     * @return {@code type\nid\ntype\nid...}
     */
    public static String refs(Ref... refs) {
        StringBuilder out = new StringBuilder();
        for (Ref ref : refs) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(ref.type()).append('\n').append(ref.id());
        }
        return out.toString();
    }

    /**
     * Decodes what {@link #refs} made.
     *
     * @param text the payload
     * @return the refs, in order
     */
    public static List<Ref> refs(String text) {
        String[] parts = text.split("\n", -1);
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("not a list of refs: " + text);
        }
        List<Ref> refs = new ArrayList<>(parts.length / 2);
        for (int i = 0; i < parts.length; i += 2) {
            refs.add(new Ref(parts[i], parts[i + 1]));
        }
        return refs;
    }

    /**
     * Encodes a follower position.
     *
     * @param edge the last follower covered
     * @return {@code micros\ntype\nid}
     */
    public static String edge(Edge edge) {
        return EpochMicros.of(edge.since()) + "\n" + refs(edge.ref());
    }

    /**
     * Decodes what {@link #edge(Edge)} made.
     *
     * @param text the progress
     * @return the edge, or {@code null} for a text that is no edge
     */
    public static @Nullable Edge edge(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return null;
        }
        long micros = Long.parseLong(text.substring(0, newline));
        Ref ref = refs(text.substring(newline + 1)).get(0);
        return new Edge(ref, EpochMicros.toInstant(micros));
    }
}

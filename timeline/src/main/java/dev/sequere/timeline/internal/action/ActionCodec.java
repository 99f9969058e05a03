package dev.sequere.timeline.internal.action;

import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.action.Action;
import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link Action} into the item body the feed store keeps once per action, and back.
 *
 * <p>The format is a version tag followed by length-prefixed fields ({@code <length>:<chars>}),
 * so no id, type or data value can break it, whatever characters it holds, and no JSON library
 * is needed in a module that depends on the JDK alone. The time is stored in epoch
 * microseconds, the unit of feed scores.
 */
public final class ActionCodec {

    private static final System.Logger LOG = System.getLogger(ActionCodec.class.getName());

    private static final String VERSION = "a1";

    private ActionCodec() {
    }

    /**
     * Encodes an action.
     *
     * @param action the action
     * @return its item body
     */
    public static String encode(Action action) {
        StringBuilder out = new StringBuilder(96);
        out.append(VERSION);
        field(out, action.id());
        field(out, action.actor().type());
        field(out, action.actor().id());
        field(out, action.verb().name());
        Ref target = action.target();
        field(out, target == null ? "" : target.type());
        field(out, target == null ? "" : target.id());
        field(out, Long.toString(EpochMicros.of(action.time())));
        field(out, Integer.toString(action.data().size()));
        for (Map.Entry<String, String> entry : action.data().entrySet()) {
            field(out, entry.getKey());
            field(out, entry.getValue());
        }
        return out.toString();
    }

    /**
     * The feed entry of an action in every timeline: its id, scored with its time in epoch
     * microseconds. The entry id is the action id alone, as short as the application's ids, since
     * fan-out writes it once per follower and its length is what a delivery costs on SQL and
     * Redis backends.
     *
     * @param action the action
     * @return the entry
     */
    public static FeedEntry entry(Action action) {
        return new FeedEntry(action.id(), EpochMicros.of(action.time()));
    }

    /**
     * Whether a stored body is an action with this verb and target type, reading only the fields
     * before them (no map, no {@link Action} built): filtering a timeline on read runs it once
     * per entry.
     *
     * @param body an item body
     * @param verb the verb asked for, or {@code null} for any
     * @param targetType the target type asked for, or {@code null} for any
     * @return {@code true} when it matches; a body that is not an action matches nothing
     */
    public static boolean matches(String body, @Nullable String verb, @Nullable String targetType) {
        if (!body.startsWith(VERSION)) {
            return false;
        }
        try {
            Reader in = new Reader(body);
            in.position = VERSION.length();
            in.skip();
            in.skip();
            in.skip();
            if (verb != null && !in.fieldEquals(verb)) {
                return false;
            }
            if (verb == null) {
                in.skip();
            }
            return targetType == null || in.fieldEquals(targetType);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Decodes the bodies of many entries, in the order of {@code ids}. An id without a body (an
     * action deleted while a page was read) is skipped; an undecodable body is logged and skipped,
     * so one damaged item never makes a whole timeline unreadable.
     *
     * @param ids entry ids, in listing order
     * @param bodies the item bodies found, by id
     * @return the decoded actions, in listing order
     */
    public static List<Action> decodeAll(List<String> ids, Map<String, String> bodies) {
        List<Action> actions = new ArrayList<>(bodies.size());
        for (String id : ids) {
            String body = bodies.get(id);
            if (body == null) {
                continue;
            }
            try {
                actions.add(decode(body));
            } catch (BackendException e) {
                LOG.log(Level.WARNING, "skipping timeline entry " + id + ": " + e.getMessage());
            }
        }
        return actions;
    }

    /**
     * Decodes an item body written by {@link #encode}.
     *
     * @param body the body
     * @return the action
     * @throws BackendException when the body is not an action (damaged storage, or an item
     *     another application wrote under the same id)
     */
    public static Action decode(String body) {
        try {
            Reader in = new Reader(body);
            if (!body.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown version");
            }
            in.position = VERSION.length();
            String id = in.field();
            Ref actor = new Ref(in.field(), in.field());
            Verb verb = new Verb(in.field());
            String targetType = in.field();
            String targetId = in.field();
            @Nullable Ref target = targetType.isEmpty() ? null : new Ref(targetType, targetId);
            long micros = Long.parseLong(in.field());
            int size = Integer.parseInt(in.field());
            Map<String, String> data = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                data.put(in.field(), in.field());
            }
            if (in.position != body.length()) {
                throw new IllegalArgumentException("trailing characters");
            }
            return new Action(id, actor, verb, target, EpochMicros.toInstant(micros), data);
        } catch (RuntimeException e) {
            throw new BackendException("stored action body is damaged or not an action ("
                    + e.getMessage() + "): " + abbreviate(body), e);
        }
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    private static String abbreviate(String body) {
        return body.length() <= 80 ? body : body.substring(0, 80) + "...";
    }

    /** Reads length-prefixed fields from a position. */
    private static final class Reader {
        private final String body;
        private int position;

        Reader(String body) {
            this.body = body;
        }

        /** Moves past one field. */
        void skip() {
            int colon = body.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalArgumentException("missing field");
            }
            int length = Integer.parseInt(body, position, colon, 10);
            if (length < 0 || colon + 1 + length > body.length()) {
                throw new IllegalArgumentException("field overflows the body");
            }
            position = colon + 1 + length;
        }

        /** Whether the next field equals {@code expected}; moves past it. */
        boolean fieldEquals(String expected) {
            int colon = body.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalArgumentException("missing field");
            }
            int length = Integer.parseInt(body, position, colon, 10);
            boolean equal = length == expected.length() && body.startsWith(expected, colon + 1);
            position = colon + 1 + length;
            return equal;
        }

        String field() {
            int colon = body.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalArgumentException("missing field");
            }
            int length = Integer.parseInt(body.substring(position, colon));
            int start = colon + 1;
            if (length < 0 || start + length > body.length()) {
                throw new IllegalArgumentException("field overflows the body");
            }
            position = start + length;
            return body.substring(start, position);
        }
    }
}

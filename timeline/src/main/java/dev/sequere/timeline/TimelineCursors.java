package dev.sequere.timeline;

import dev.sequere.InvalidCursorException;
import dev.sequere.Order;
import dev.sequere.spi.FeedEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Keyset positions of timeline pages as opaque URL-safe strings. A cursor names the feed and
 * order it belongs to, so one passed to another query is refused instead of giving a wrong page.
 */
final class TimelineCursors {

    private static final int VERSION = 1;

    private TimelineCursors() {
    }

    static String encode(String scope, Order order, FeedEntry position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(scope);
            out.writeByte(order.ordinal());
            out.writeLong(position.score());
            out.writeUTF(position.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static FeedEntry decode(String cursor, String scope, Order order) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
            if (in.readByte() != VERSION) {
                throw new InvalidCursorException("invalid cursor: it was made by another version of Sequere");
            }
            if (!in.readUTF().equals(scope) || in.readByte() != order.ordinal()) {
                throw new InvalidCursorException("invalid cursor: it belongs to another timeline, filter or order; "
                        + "pass a cursor only to the query that produced it");
            }
            long score = in.readLong();
            String id = in.readUTF();
            if (in.available() > 0) {
                throw new InvalidCursorException("invalid cursor: it has trailing data");
            }
            return new FeedEntry(id, score);
        } catch (IOException | IllegalArgumentException | dev.sequere.SequereException e) {
            if (e instanceof InvalidCursorException invalid) {
                throw invalid;
            }
            InvalidCursorException error = new InvalidCursorException("invalid cursor: it is damaged");
            error.initCause(e);
            throw error;
        }
    }
}

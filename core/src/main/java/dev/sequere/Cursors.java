package dev.sequere;

import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes keyset positions of follow listings as opaque, URL-safe strings. A cursor carries the
 * listing it belongs to (relation, order, type filter) so that one used with another listing is
 * rejected instead of silently returning a wrong page.
 */
final class Cursors {

    private static final int VERSION = 1;

    private Cursors() {
    }

    static String encode(Direction direction, Order order, @Nullable String type, Edge position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(direction.ordinal());
            out.writeByte(order.ordinal());
            out.writeUTF(type == null ? "" : type);
            Instant since = position.since();
            out.writeLong(since.getEpochSecond());
            out.writeInt(since.getNano());
            out.writeUTF(position.ref().type());
            out.writeUTF(position.ref().id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static Edge decode(String cursor, Direction direction, Order order, @Nullable String type) {
        Sequere.requireArgument(cursor, "cursor");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
            if (in.readByte() != VERSION) {
                throw invalid("it was made by another version of Sequere");
            }
            int directionOrdinal = in.readByte();
            int orderOrdinal = in.readByte();
            String cursorType = in.readUTF();
            if (directionOrdinal != direction.ordinal() || orderOrdinal != order.ordinal()
                    || !cursorType.equals(Objects.requireNonNullElse(type, ""))) {
                throw invalid("it belongs to another listing (relation, order or type filter differ); "
                        + "pass a cursor only to the query that produced it");
            }
            Instant since = Instant.ofEpochSecond(in.readLong(), in.readInt());
            Ref ref = new Ref(in.readUTF(), in.readUTF());
            if (in.available() > 0) {
                throw invalid("it has trailing data");
            }
            return new Edge(ref, since);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException | InvalidRefException e) {
            InvalidCursorException error = invalid("it is damaged");
            error.initCause(e);
            throw error;
        }
    }

    private static InvalidCursorException invalid(String why) {
        return new InvalidCursorException("invalid cursor: " + why);
    }
}

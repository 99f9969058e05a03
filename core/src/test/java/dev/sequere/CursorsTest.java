package dev.sequere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.tck.TrickyIds;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final List<String> TYPES = Arrays.asList(null, "user", "a-b_c");
    private static final Edge POSITION = new Edge(Ref.of("user", "1"), Instant.parse("2024-01-02T03:04:05.123456Z"));

    @Test
    void roundTripsEveryListingAndPosition() {
        List<Instant> times = List.of(Instant.parse("2024-01-02T03:04:05.123456Z"), Instant.EPOCH,
                Instant.parse("1969-07-20T20:17:40.000001Z"), Instant.parse("2200-12-31T23:59:59.999999Z"));
        for (Direction direction : Direction.values()) {
            for (Order order : Order.values()) {
                for (String type : TYPES) {
                    for (String id : TrickyIds.all()) {
                        for (Instant since : times) {
                            Edge edge = new Edge(Ref.of("project", id), since);
                            String cursor = Cursors.encode(direction, order, type, edge);
                            assertThat(cursor).matches("[A-Za-z0-9_-]+");
                            assertThat(Cursors.decode(cursor, direction, order, type)).isEqualTo(edge);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCursorOfAnotherListingIsRejected() {
        for (Direction direction : Direction.values()) {
            for (Order order : Order.values()) {
                for (String type : TYPES) {
                    String cursor = Cursors.encode(direction, order, type, POSITION);
                    for (Direction d : Direction.values()) {
                        for (Order o : Order.values()) {
                            for (String t : TYPES) {
                                boolean same = d == direction && o == order && java.util.Objects.equals(t, type);
                                if (same) {
                                    assertThat(Cursors.decode(cursor, d, o, t)).isEqualTo(POSITION);
                                } else {
                                    assertThatThrownBy(() -> Cursors.decode(cursor, d, o, t))
                                            .isInstanceOf(InvalidCursorException.class).hasMessageContaining("another listing");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void damagedCursorsAreRejected() {
        String good = Cursors.encode(Direction.FOLLOWERS, Order.NEWEST_FIRST, null, POSITION);
        byte[] bytes = Base64.getUrlDecoder().decode(good);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 99;
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 3);
        byte[] badRef = bytes.clone();
        badRef[bytes.length - 1] = 0x01; // the id becomes a control character
        for (String bad : List.of("", "!", "a b", "====", "AAAA", good.substring(0, good.length() - 3),
                encode(otherVersion), encode(trailing), encode(badRef))) {
            assertThatThrownBy(() -> Cursors.decode(bad, Direction.FOLLOWERS, Order.NEWEST_FIRST, null))
                    .as("'%s'", bad).isInstanceOf(InvalidCursorException.class).hasMessageStartingWith("invalid cursor");
        }
        assertThatThrownBy(() -> Cursors.decode(null, Direction.FOLLOWERS, Order.NEWEST_FIRST, null))
                .isInstanceOf(InvalidArgumentException.class);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package dev.sequere.examples.chirp.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Login sessions: a random 256-bit token goes to the browser (cookie) or API client (bearer),
 * and only its SHA-256 is stored, so a leaked table does not let anyone log in.
 */
public final class SessionStore {

    private final DataSource dataSource;
    private final String sessions;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    /**
     * Opens the store, creating its table when missing.
     *
     * @param dataSource the database
     * @param tablePrefix prefix of chirp's tables
     * @param lifetime how long a session stays valid
     */
    public SessionStore(DataSource dataSource, String tablePrefix, Duration lifetime) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sessions = tablePrefix + "session";
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        execute("CREATE TABLE IF NOT EXISTS " + sessions + " (token_hash CHAR(64) PRIMARY KEY, "
                + "user_id BIGINT NOT NULL, expires_millis BIGINT NOT NULL)");
    }

    /**
     * Opens a session.
     *
     * @param userId who logged in
     * @return the token to hand to the client
     */
    public String open(long userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sql = "INSERT INTO " + sessions + " (token_hash, user_id, expires_millis) VALUES (?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, digest(token));
            s.setLong(2, userId);
            s.setLong(3, System.currentTimeMillis() + lifetime.toMillis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a session", e);
        }
        return token;
    }

    /**
     * The user of a live session.
     *
     * @param token the client's token
     * @return the user id, empty when the token is unknown or expired
     */
    public Optional<Long> userOf(String token) {
        String sql = "SELECT user_id FROM " + sessions + " WHERE token_hash = ? AND expires_millis > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, digest(token));
            s.setLong(2, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a session", e);
        }
    }

    /**
     * Ends a session (log out).
     *
     * @param token the client's token
     */
    public void close(String token) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + sessions + " WHERE token_hash = ?")) {
            s.setString(1, digest(token));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close a session", e);
        }
    }

    /**
     * Drops the table; for tests that made it under their own prefix.
     */
    public void dropTable() {
        execute("DROP TABLE IF EXISTS " + sessions);
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    private static String digest(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package dev.sequere.examples.chirp.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Users in the application's own table, in the same database as the follows. Plain JDBC with
 * portable SQL (H2 and PostgreSQL); times stored as epoch microseconds so that no time zone is
 * involved.
 */
public final class UserStore {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final int MAX_BATCH = 1_000;

    private final DataSource dataSource;
    private final String users;

    /**
     * Opens the store, creating its table when missing.
     *
     * @param dataSource the database
     * @param tablePrefix prefix of chirp's tables, e.g. {@code chirp_}
     */
    public UserStore(DataSource dataSource, String tablePrefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (!PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("table prefix '" + tablePrefix + "' must match " + PREFIX);
        }
        this.users = tablePrefix + "user";
        createTable();
    }

    /**
     * The table's name.
     *
     * @return the table name
     */
    public String table() {
        return users;
    }

    /**
     * Inserts a user.
     *
     * @param username unique name, already validated
     * @param name display name
     * @param passwordHash encoded password hash
     * @return the user, or empty when the name is taken
     */
    public Optional<User> insert(String username, String name, String passwordHash) {
        Instant joined = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String sql = "INSERT INTO " + users + " (username, display_name, password_hash, joined_micros) VALUES (?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            s.setString(1, username);
            s.setString(2, name);
            s.setString(3, passwordHash);
            s.setLong(4, micros(joined));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(new User(keys.getLong(1), username, name, joined));
            }
        } catch (SQLException e) {
            // 23505 is "unique violation" in both H2 and PostgreSQL: the name was taken, maybe
            // by a concurrent sign-up that passed the same check.
            if ("23505".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot insert user " + username, e);
        }
    }

    /**
     * A user and the stored hash of their password, by name.
     *
     * @param username the name
     * @return the login data, empty when no such user
     */
    public Optional<Login> findLogin(String username) {
        String sql = "SELECT id, username, display_name, joined_micros, password_hash FROM " + users + " WHERE username = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Login(user(r), r.getString(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read user " + username, e);
        }
    }

    /**
     * A user by name.
     *
     * @param username the name
     * @return the user, empty when none
     */
    public Optional<User> findByUsername(String username) {
        return findLogin(username).map(Login::user);
    }

    /**
     * A user by id.
     *
     * @param id the id
     * @return the user, empty when none
     */
    public Optional<User> findById(long id) {
        List<User> found = findAllById(List.of(Long.toString(id)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Users by id, one query per thousand ids: the batch loader Sequere calls for a page.
     * Ids that are not numbers or do not exist are left out.
     *
     * @param ids ids as Sequere stores them (strings)
     * @return the users found, in no particular order
     */
    public List<User> findAllById(List<String> ids) {
        List<Long> numeric = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                numeric.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // not one of ours: absent, like a deleted user
            }
        }
        List<User> found = new ArrayList<>(numeric.size());
        for (int from = 0; from < numeric.size(); from += MAX_BATCH) {
            List<Long> batch = numeric.subList(from, Math.min(numeric.size(), from + MAX_BATCH));
            String sql = "SELECT id, username, display_name, joined_micros FROM " + users + " WHERE id IN ("
                    + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")";
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setLong(i + 1, batch.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(user(r));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load users", e);
            }
        }
        return found;
    }

    /**
     * The newest users, for the "who to follow" list.
     *
     * @param limit how many at most
     * @return users, newest first
     */
    public List<User> newest(int limit) {
        String sql = "SELECT id, username, display_name, joined_micros FROM " + users + " ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            List<User> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(user(r));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list users", e);
        }
    }

    /**
     * How many users exist.
     *
     * @return the count
     */
    public long count() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + users)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count users", e);
        }
    }

    /**
     * Drops the table; for tests that made it under their own prefix.
     */
    public void dropTable() {
        execute("DROP TABLE IF EXISTS " + users);
    }

    private void createTable() {
        execute("CREATE TABLE IF NOT EXISTS " + users + " ("
                + "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "username VARCHAR(20) NOT NULL UNIQUE, "
                + "display_name VARCHAR(50) NOT NULL, "
                + "password_hash VARCHAR(200) NOT NULL, "
                + "joined_micros BIGINT NOT NULL)");
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    private static User user(ResultSet r) throws SQLException {
        long micros = r.getLong(4);
        return new User(r.getLong(1), r.getString(2), r.getString(3),
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L));
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    /**
     * A user with their stored password hash; never leaves the account service.
     *
     * @param user the user
     * @param passwordHash the encoded hash
     */
    public record Login(User user, String passwordHash) {
    }
}

package dev.sequere.examples.chirp.user;

import dev.sequere.examples.chirp.ChirpException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-up, log-in and log-out: validates input, hashes passwords, opens sessions.
 */
public final class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_]{3,20}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 200;
    private static final int MAX_NAME = 50;

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;

    /**
     * Creates the service.
     *
     * @param users the user store
     * @param sessions the session store
     * @param hasher the password hasher
     */
    public Accounts(UserStore users, SessionStore sessions, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * Creates an account and logs it in.
     *
     * @param username wanted name; lower-cased
     * @param password the password, 8 to 200 characters
     * @param name display name; the username when blank
     * @return the new user's session
     * @throws ChirpException 400 for invalid input, 409 when the name is taken
     */
    public SignedIn signUp(String username, String password, String name) {
        String login = username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(login).matches()) {
            throw ChirpException.badRequest("username must be 3 to 20 characters among a-z, 0-9 and '_'");
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ChirpException.badRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        String display = name.isBlank() ? login : name.strip();
        if (display.length() > MAX_NAME || display.chars().anyMatch(Character::isISOControl)) {
            throw ChirpException.badRequest("name must be at most " + MAX_NAME + " printable characters");
        }
        char[] secret = password.toCharArray();
        try {
            User user = users.insert(login, display, hasher.hash(secret))
                    .orElseThrow(() -> ChirpException.conflict("username '" + login + "' is taken"));
            return new SignedIn(user, sessions.open(user.id()));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Logs in.
     *
     * @param username the name
     * @param password the password
     * @return the session
     * @throws ChirpException 401 when the name or the password is wrong (the same answer for
     *     both, so that names cannot be probed)
     */
    public SignedIn logIn(String username, String password) {
        char[] secret = password.toCharArray();
        try {
            Optional<UserStore.Login> login = users.findLogin(username.trim().toLowerCase(java.util.Locale.ROOT));
            if (login.isEmpty()) {
                hasher.burn(secret);
                throw ChirpException.unauthorized("wrong username or password");
            }
            if (!hasher.matches(secret, login.get().passwordHash())) {
                throw ChirpException.unauthorized("wrong username or password");
            }
            User user = login.get().user();
            return new SignedIn(user, sessions.open(user.id()));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * The user of a session token.
     *
     * @param token the token from a cookie or bearer header
     * @return the user, empty when the token is not a live session
     */
    public Optional<User> userOf(String token) {
        return sessions.userOf(token).flatMap(users::findById);
    }

    /**
     * Ends a session.
     *
     * @param token the token
     */
    public void logOut(String token) {
        sessions.close(token);
    }

    /**
     * A logged-in user and their session token.
     *
     * @param user the user
     * @param token the session token
     */
    public record SignedIn(User user, String token) {
    }
}

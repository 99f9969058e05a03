package dev.sequere.examples.chirp.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.sequere.examples.chirp.ChirpException;
import dev.sequere.examples.chirp.user.Accounts;
import dev.sequere.examples.chirp.user.User;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request as handlers see it: path parameters, query, body fields (JSON or form-encoded,
 * as django-sequere's views accept form posts) and the logged-in user.
 */
public final class Call {

    /** Name of the session cookie. */
    public static final String COOKIE = "chirp_session";

    private static final int MAX_BODY = 64 * 1024;

    private final HttpExchange exchange;
    private final List<String> pathParams;
    private final Accounts accounts;
    private final ObjectMapper json;
    private @Nullable Map<String, String> fields;
    private @Nullable Optional<User> viewer;

    Call(HttpExchange exchange, List<String> pathParams, Accounts accounts, ObjectMapper json) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.accounts = accounts;
        this.json = json;
    }

    /**
     * A path parameter, in the order of the route's groups.
     *
     * @param index 0-based
     * @return the decoded value
     */
    public String path(int index) {
        return decode(pathParams.get(index), "the path");
    }

    /**
     * A query parameter.
     *
     * @param name its name
     * @return its value, or {@code null}
     */
    public @Nullable String query(String name) {
        return parseForm(exchange.getRequestURI().getRawQuery(), "the query").get(name);
    }

    /**
     * The page size from {@code ?limit=}, 1 to 100, default 20.
     *
     * @return the limit
     */
    public int limit() {
        String value = query("limit");
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ChirpException.badRequest("limit must be a number from 1 to 100");
    }

    /**
     * A body field, from a JSON object or a form-encoded body.
     *
     * @param name the field
     * @return its value as text, or {@code null} when absent
     * @throws IOException when the body cannot be read
     */
    public @Nullable String field(String name) throws IOException {
        if (fields == null) {
            fields = readFields();
        }
        return fields.get(name);
    }

    /**
     * A required body field.
     *
     * @param name the field
     * @return its value
     * @throws IOException when the body cannot be read
     */
    public String required(String name) throws IOException {
        String value = field(name);
        if (value == null) {
            throw ChirpException.badRequest(name + " is required");
        }
        return value;
    }

    /**
     * The session token from the cookie or an {@code Authorization: Bearer} header.
     *
     * @return the token, or {@code null}
     */
    public @Nullable String token() {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        List<String> cookies = exchange.getRequestHeaders().get("Cookie");
        if (cookies != null) {
            for (String header : cookies) {
                for (String cookie : header.split(";")) {
                    String c = cookie.trim();
                    if (c.startsWith(COOKIE + "=")) {
                        return c.substring(COOKIE.length() + 1);
                    }
                }
            }
        }
        return null;
    }

    /**
     * The logged-in user, if any.
     *
     * @return the user
     */
    public Optional<User> viewer() {
        if (viewer == null) {
            String token = token();
            viewer = token == null || token.isEmpty() ? Optional.empty() : accounts.userOf(token);
        }
        return viewer;
    }

    /**
     * The logged-in user, or 401.
     *
     * @return the user
     */
    public User user() {
        return viewer().orElseThrow(() -> ChirpException.unauthorized("log in first"));
    }

    private Map<String, String> readFields() throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ChirpException(413, "request body too large");
        }
        if (body.length == 0) {
            return Map.of();
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            return parseForm(new String(body, StandardCharsets.UTF_8), "the form body");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw ChirpException.badRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ChirpException.badRequest("body must be a JSON object");
        }
        Map<String, String> map = new HashMap<>();
        node.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        return map;
    }

    private static Map<String, String> parseForm(@Nullable String raw, String where) {
        Map<String, String> map = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            map.putIfAbsent(decode(key, where), decode(value, where));
        }
        return map;
    }

    private static String decode(String raw, String where) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's answer to "%zz" or a trailing "%": the client's mistake, so 400, not 500.
            // Only a form body can get here: the JDK's server already answers 400 to a request
            // line whose path or query has such an escape.
            throw ChirpException.badRequest("malformed percent escape in " + where + " (expected % and two hex digits)");
        }
    }
}

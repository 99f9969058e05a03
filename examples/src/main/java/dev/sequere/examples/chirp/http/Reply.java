package dev.sequere.examples.chirp.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a handler answers: a status, a body serialised as JSON (or raw bytes for static files),
 * and extra headers.
 *
 * @param status HTTP status
 * @param json a value for Jackson, or {@code null}
 * @param raw raw bytes when {@code json} is null and there is a body
 * @param contentType content type of {@code raw}
 * @param headers extra headers
 */
public record Reply(int status, @Nullable Object json, byte @Nullable [] raw, @Nullable String contentType,
        Map<String, String> headers) {

    /**
     * A JSON reply.
     *
     * @param status status
     * @param body body
     * @return the reply
     */
    public static Reply json(int status, Object body) {
        return new Reply(status, body, null, null, new LinkedHashMap<>());
    }

    /**
     * 200 with a JSON body.
     *
     * @param body body
     * @return the reply
     */
    public static Reply ok(Object body) {
        return json(200, body);
    }

    /**
     * 204, no body.
     *
     * @return the reply
     */
    public static Reply noContent() {
        return new Reply(204, null, null, null, new LinkedHashMap<>());
    }

    /**
     * Raw bytes.
     *
     * @param contentType their type
     * @param bytes the body
     * @return the reply
     */
    public static Reply bytes(String contentType, byte[] bytes) {
        return new Reply(200, null, bytes, contentType, new LinkedHashMap<>());
    }

    /**
     * Adds a header.
     *
     * @param name header name
     * @param value header value
     * @return this reply
     */
    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}

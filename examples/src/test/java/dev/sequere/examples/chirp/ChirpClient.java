package dev.sequere.examples.chirp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A tiny HTTP client of chirp's API for the tests: JSON in, status and JSON out. */
final class ChirpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ChirpClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response: status, parsed body (or null), raw headers. */
    record Answer(int status, @Nullable JsonNode body, HttpResponse<String> raw) {

        JsonNode json() {
            if (body == null) {
                throw new AssertionError("no JSON body; status " + status + ": " + raw.body());
            }
            return body;
        }
    }

    Answer get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, @Nullable String token, Map<String, ?> body) {
        try {
            return send(request(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer postForm(String path, @Nullable String token, String form) {
        return send(request(path, token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Answer postRaw(String path, @Nullable String token, String cookieHeader) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookieHeader)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = type.startsWith("application/json") && !response.body().isEmpty()
                    ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

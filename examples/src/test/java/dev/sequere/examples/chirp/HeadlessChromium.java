package dev.sequere.examples.chirp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A real headless Chromium driven through the Chrome DevTools Protocol over the JDK's WebSocket
 * client: no Selenium, no driver binary. Enough for tests: navigate, evaluate JavaScript in the
 * page (which is how clicks and typing are simulated), wait for a condition, take a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * The Chromium binary: {@code CHROMIUM} if set, else Debian's {@code /usr/bin/chromium}.
     *
     * @return the binary, or {@code null} when there is none
     */
    static @Nullable Path find() {
        String configured = System.getenv("CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /**
     * Starts Chromium with a fresh profile and connects to its first page.
     *
     * @param binary the Chromium binary
     * @return the browser
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted
     */
    static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chirp-chromium-");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1200,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String browserUrl = devToolsUrl(process);
            URI http = URI.create(browserUrl.replaceFirst("^ws://", "http://"));
            String pageUrl = pageWebSocket(URI.create("http://" + http.getAuthority() + "/json/list"));
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(pageUrl), new Listener(message -> {
                        if (self[0] != null) {
                            self[0].receive(message);
                        }
                    }))
                    .get(20, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, profile, socket);
            return self[0];
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            delete(profile);
            throw new IOException("cannot drive Chromium at " + binary + ": " + e, e);
        }
    }

    /**
     * Opens a URL and waits for the load to be committed.
     *
     * @param url the URL
     */
    void navigate(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        call("Page.navigate", params);
    }

    /**
     * Evaluates JavaScript in the page, awaiting a returned promise.
     *
     * @param expression the expression
     * @return its value as JSON ({@code null} node when undefined)
     */
    JsonNode eval(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true)
                .put("returnByValue", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + expression + " -> " + result.get("exceptionDetails"));
        }
        JsonNode value = result.path("result").get("value");
        return value == null ? JSON.nullNode() : value;
    }

    /**
     * Waits until a JavaScript expression is truthy.
     *
     * @param expression the condition
     * @param timeout how long at most
     */
    void waitFor(String expression, Duration timeout) {
        try {
            Awaitility.await(expression).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> isTrue(expression));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for: " + expression + "; page text: "
                    + eval("document.body ? document.body.innerText : ''").asText(), e);
        }
    }

    private boolean isTrue(String expression) {
        try {
            return eval("!!(" + expression + ")").asBoolean();
        } catch (AssertionError e) {
            // The page may be between documents; try again.
            return false;
        }
    }

    /**
     * Saves a PNG screenshot of the page.
     *
     * @param file where to write it
     * @throws IOException when it cannot be written
     */
    void screenshot(Path file) throws IOException {
        JsonNode result = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(result.get("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // the browser is going away anyway
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(profile);
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            JsonNode id = message.get("id");
            if (id != null) {
                CompletableFuture<JsonNode> answer = pending.get(id.asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads Chromium's stderr until it prints its DevTools address. */
    private static String devToolsUrl(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                // Keep draining stderr so Chromium never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            seen.append(line).append('\n');
        }
        throw new IOException("Chromium exited without a DevTools address:\n" + seen);
    }

    private static String pageWebSocket(URI list) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            return Awaitility.await("a page target at " + list).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
                        for (JsonNode target : JSON.readTree(body)) {
                            if ("page".equals(target.path("type").asText()) && target.has("webSocketDebuggerUrl")) {
                                return target.get("webSocketDebuggerUrl").asText();
                            }
                        }
                        return null;
                    }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IOException("Chromium has no page target at " + list, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Collects text frames (which may arrive in parts) into messages. */
    private static final class Listener implements WebSocket.Listener {

        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder buffer = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}

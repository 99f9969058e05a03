package dev.sequere.examples.chirp.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sequere.InvalidArgumentException;
import dev.sequere.InvalidCursorException;
import dev.sequere.examples.chirp.ChirpException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The JDK's HTTP server serving {@link ChirpApi}, started and stopped with the Spring context.
 * Maps {@link ChirpException} to its status, a damaged or foreign cursor to 400 "this link is
 * damaged or expired", Sequere's other argument errors to 400, a path whose methods do not include
 * the request's to 405 with an {@code Allow} header, always with a JSON body
 * {@code {"error": "..."}}.
 */
public final class ChirpServer implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(ChirpServer.class.getName());

    private final int requestedPort;
    private final ChirpApi api;
    private final ObjectMapper json = new ObjectMapper();
    private @Nullable HttpServer server;
    private @Nullable ExecutorService workers;

    /**
     * Creates the server.
     *
     * @param port the port, 0 for a free one
     * @param api the routes
     */
    public ChirpServer(int port, ChirpApi api) {
        this.requestedPort = port;
        this.api = api;
    }

    @Override
    public synchronized void start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 64);
            workers = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "chirp-http");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(workers);
            http.createContext("/", this::serve);
            http.start();
            server = http;
            LOG.log(Level.INFO, "chirp listening on http://127.0.0.1:{0,number,#}/", port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + requestedPort, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(1);
            server = null;
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("chirp is not running");
        }
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = dispatch(exchange);
        } catch (ChirpException e) {
            reply = Reply.json(e.status(), Map.of("error", e.getMessage()));
        } catch (InvalidCursorException e) {
            // Cursors only come from chirp's own answers, so a bad one is a damaged or stale link
            // (edited by hand, cut short, or from another listing); Sequere's wording ("another
            // version of Sequere") means nothing to whoever followed it.
            reply = Reply.json(400, Map.of("error", "this link is damaged or expired: start again from the first page"));
        } catch (InvalidArgumentException e) {
            reply = Reply.json(400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", e);
            reply = Reply.json(500, Map.of("error", "internal error"));
        }
        send(exchange, reply);
    }

    private Reply dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : api.routes()) {
            Matcher matcher = route.path().matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            if (!route.method().equals(exchange.getRequestMethod())) {
                allowed.add(route.method());
                continue;
            }
            List<String> params = new ArrayList<>(matcher.groupCount());
            for (int i = 1; i <= matcher.groupCount(); i++) {
                params.add(matcher.group(i));
            }
            return route.handler().handle(new Call(exchange, params, api.accounts(), json));
        }
        if (allowed.isEmpty()) {
            throw ChirpException.notFound("no such page");
        }
        // RFC 9110 15.5.6: a 405 says which methods the resource supports.
        String allow = String.join(", ", allowed);
        return Reply.json(405, Map.of("error", "method not allowed: use " + allow)).header("Allow", allow);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = null;
        String type = null;
        if (reply.json() != null) {
            body = json.writeValueAsBytes(reply.json());
            type = "application/json";
        } else if (reply.raw() != null) {
            body = reply.raw();
            type = reply.contentType();
        }
        var headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::add);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        headers.set("Content-Security-Policy", "default-src 'self'");
        if (type != null) {
            headers.set("Content-Type", type);
        }
        exchange.sendResponseHeaders(reply.status(), body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}

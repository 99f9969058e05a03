package dev.sequere.examples.chirp;

import dev.sequere.examples.chirp.http.ChirpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts chirp: a plain Spring context (no Spring Boot) holding Sequere, the timelines, the
 * users and the HTTP server. Stop it with Ctrl-C; the context then closes in order (HTTP server,
 * pending fan-out, backend, database).
 *
 * <pre>
 * mvn -B -ntp -q -pl examples -am compile exec:java -Dexec.mainClass=dev.sequere.examples.chirp.ChirpApp
 * </pre>
 */
public final class ChirpApp implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;

    private ChirpApp(AnnotationConfigApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts chirp with the given settings.
     *
     * @param settings the settings
     * @return the running app
     */
    public static ChirpApp start(ChirpSettings settings) {
        if (settings.jdbcUrl() == null) {
            Path parent = settings.h2File().toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + parent, e);
            }
        }
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        // Sequere's tables get chirp's prefix too, so chirp can share a database with others.
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chirp",
                Map.of("sequere.jdbc.table-prefix", settings.prefix() + "sq_")));
        context.registerBean(ChirpSettings.class, () -> settings);
        context.register(ChirpConfig.class);
        if (settings.redisUrl() != null) {
            context.register(RedisFollows.class);
        }
        context.refresh();
        return new ChirpApp(context);
    }

    /**
     * The port the HTTP server listens on.
     *
     * @return the port
     */
    public int port() {
        return context.getBean(ChirpServer.class).port();
    }

    /**
     * The Spring context, for tools and tests.
     *
     * @return the context
     */
    public AnnotationConfigApplicationContext context() {
        return context;
    }

    /** Stops chirp: the context closes everything in dependency order. */
    @Override
    public void close() {
        context.close();
    }

    /**
     * Runs chirp until the process is interrupted.
     *
     * @param args {@code --port=}, {@code --h2=}, {@code --db=}, {@code --redis=}, {@code --prefix=}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        ChirpSettings settings = ChirpSettings.from(args, System.getenv());
        ChirpApp app = start(settings);
        String storage = settings.redisUrl() != null ? "follows in Redis " + settings.redisUrl()
                : settings.jdbcUrl() != null ? settings.jdbcUrl() : "H2 file " + settings.h2File().toAbsolutePath();
        System.out.println("chirp is running on http://127.0.0.1:" + app.port() + "/  (" + storage + "); Ctrl-C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "chirp-shutdown"));
        stopped.await();
    }
}

package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 11's worker throughput: fan-out jobs queued on a Redis Cluster of three masters (started
 * here, {@link LocalRedisNodes}) and drained by 1, 2 and 4 worker <b>processes</b>
 * ({@link FanOutWorkerProcess}, separate JVMs).
 *
 * <p>For each process count: the Cluster is emptied, {@code actors} actors get {@code followers}
 * followers each, and a {@code Timelines} with no worker threads and an executor that drops its
 * tasks publishes {@code jobs} actions (round robin over the actors): each publish stores the
 * item, the job and the actor's own feeds, and the fan-out is left to the workers (the jobs'
 * lease of 100 ms runs out before the workers start). The worker JVMs start and warm up, then all
 * get {@code GO} at once; the clock runs until the store's backlog is empty. Deliveries/s is the
 * sum of the workers' delivered entries over that time. The CPU seconds the servers, the worker
 * JVMs and this JVM used meanwhile ({@code /proc/<pid>/stat}) show where the 2 cores went.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.ClusterWorkerThroughput} with optional
 * {@code -Dprocesses=1,2,4 -Dthreads=1 -Djobs=400 -Dactors=8 -Dfollowers=1000 -Dwarmup=30}.
 */
public final class ClusterWorkerThroughput {

    private static final String PREFIX = "bench:";

    private ClusterWorkerThroughput() {
    }

    /**
     * Runs every process count and prints a markdown table.
     *
     * @param args none
     * @throws Exception when a server, the backend or a worker fails
     */
    public static void main(String[] args) throws Exception {
        int[] processCounts = Arrays.stream(System.getProperty("processes", "1,2,4").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int threads = Integer.getInteger("threads", 1);
        int jobs = Integer.getInteger("jobs", 400);
        int actors = Integer.getInteger("actors", 8);
        int followers = Integer.getInteger("followers", 1_000);
        int warmUps = Integer.getInteger("warmup", 30);
        System.out.println("load average at start: " + TimelineFanOutRatios.loadAverage());
        System.out.printf(Locale.ROOT, "%,d jobs x %,d followers (%d actors), %d worker thread(s) per process, "
                + "Timelines default batch (1 000)%n", jobs, followers, actors, threads);
        List<String> rows = new ArrayList<>();
        try (LocalRedisNodes nodes = LocalRedisNodes.cluster()) {
            for (int processes : processCounts) {
                rows.add(run(nodes, processes, threads, jobs, actors, followers, warmUps));
                System.err.println(rows.get(rows.size() - 1));
            }
        }
        System.out.println("| worker processes | threads each | deliveries/s | time to drain | delivered | CPU: "
                + "3 masters | CPU: workers | CPU: this JVM (backlog polls) | cores busy of 2 | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println("load average at end: " + TimelineFanOutRatios.loadAverage());
    }

    private static String run(LocalRedisNodes nodes, int processes, int threads, int jobs, int actors, int followers,
            int warmUps) throws Exception {
        nodes.flushAll();
        List<Process> workers = new ArrayList<>();
        try (RedisBackend backend = RedisBackend.cluster(nodes.hostsAndPorts(), ClusterTimeouts.DEFAULTS)
                .prefix(PREFIX).build()) {
            for (int a = 0; a < actors; a++) {
                TimelineBench.seedFollowers(backend, actor(a), a * followers, followers);
            }
            try (Timelines enqueuer = Timelines.builder(TimelineBench.sequere(backend, TimelineBench.users(0)))
                    .verbs("project", FanOutWorkerProcess.POST).workers(0).executor(task -> { })
                    .maxPendingFanOuts(jobs + 1).lease(Duration.ofMillis(100)).build()) {
                for (int j = 0; j < jobs; j++) {
                    enqueuer.publish(Action.of(actor(j % actors), FanOutWorkerProcess.POST));
                }
            }
            long queued = backend.jobs().backlog().jobs();
            if (queued != jobs) {
                throw new IllegalStateException("expected " + jobs + " queued jobs, found " + queued);
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int p = 0; p < processes; p++) {
                workers.add(new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        FanOutWorkerProcess.class.getName(), nodes.seeds(), PREFIX, Integer.toString(threads),
                        Integer.toString(warmUps)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process worker : workers) {
                BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                if (!"READY".equals(line)) {
                    throw new IllegalStateException("worker " + worker.pid() + " said " + line);
                }
                outputs.add(out);
            }
            String load = TimelineFanOutRatios.loadAverage();
            double serverCpu0 = nodes.serversCpuSeconds();
            double workerCpu0 = cpu(workers);
            double selfCpu0 = LocalRedisNodes.cpuSeconds(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            for (Process worker : workers) {
                PrintStream in = new PrintStream(worker.getOutputStream(), true, StandardCharsets.UTF_8);
                in.println("GO");
            }
            while (backend.jobs().backlog().jobs() > 0) {
                Thread.sleep(20);
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("backlog not drained after 10 minutes");
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double serverCpu = nodes.serversCpuSeconds() - serverCpu0;
            double workerCpu = cpu(workers) - workerCpu0;
            double selfCpu = LocalRedisNodes.cpuSeconds(ProcessHandle.current().pid()) - selfCpu0;
            long delivered = 0;
            for (int p = 0; p < workers.size(); p++) {
                PrintStream in = new PrintStream(workers.get(p).getOutputStream(), true, StandardCharsets.UTF_8);
                in.println("STOP");
                in.close();
                String line = outputs.get(p).readLine();
                if (line == null || !line.startsWith("DELIVERED ")) {
                    throw new IllegalStateException("worker " + workers.get(p).pid() + " said " + line);
                }
                delivered += Long.parseLong(line.substring("DELIVERED ".length()).trim());
            }
            load = load + " / " + TimelineFanOutRatios.loadAverage();
            return String.format(Locale.ROOT,
                    "| %d | %d | %,.0f | %.2f s | %,d of %,d | %.2f s | %.2f s | %.2f s | %.2f | %s |", processes, threads,
                    delivered / seconds, seconds, delivered, (long) jobs * followers, serverCpu, workerCpu, selfCpu,
                    (serverCpu + workerCpu + selfCpu) / seconds, load);
        } finally {
            for (Process worker : workers) {
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    private static Ref actor(int a) {
        return Ref.of("project", "p" + a);
    }


    private static double cpu(List<Process> processes) {
        double total = 0;
        for (Process process : processes) {
            total += Math.max(0, LocalRedisNodes.cpuSeconds(process.pid()));
        }
        return total;
    }
}

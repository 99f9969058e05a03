package dev.sequere.boot;

/**
 * Where timeline fan-out runs ({@code sequere.timelines.fan-out-executor}).
 */
public enum FanOutExecutor {

    /**
     * The context's task executor, found as {@code @Async} finds it: the {@code Executor} bean
     * named {@code taskExecutor} (Spring Boot's {@code applicationTaskExecutor} has that alias),
     * else the only or {@code @Primary} {@code TaskExecutor} bean, else the publishing thread.
     */
    TASK_EXECUTOR,

    /** The publishing thread: {@code publish} returns once every follower has the action. */
    CALLER
}

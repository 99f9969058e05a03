package dev.sequere.boot;

/**
 * Where timeline fan-out runs ({@code sequere.timelines.fan-out-executor}).
 */
public enum FanOutExecutor {

    /**
     * The context's task executor: the {@code Executor} bean named {@code taskExecutor}, else
     * Spring Boot's {@code applicationTaskExecutor}, else the only or {@code @Primary}
     * {@code TaskExecutor} bean, else the publishing thread.
     */
    TASK_EXECUTOR,

    /** The publishing thread: {@code publish} returns once every follower has the action. */
    CALLER
}

package dev.sequere.benchmarks.memory;

import dev.sequere.Ref;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.benchmarks.RefPool;

/**
 * A million distinct follow edges between 1 000 users and 1 000 projects, numbered
 * {@code 0 .. 999 999}. Edge {@code i} goes from user {@code i % 1000} to project
 * {@code (i / 1000 + i) % 1000}: consecutive edges touch different projects, as real traffic
 * does, instead of filling one project's followers at a time, and no pair repeats.
 */
public final class EdgeGrid {

    /** Users and projects on each side. */
    public static final int SIDE = 1_000;

    /** Distinct edges in the grid. */
    public static final int EDGES = SIDE * SIDE;

    private final Ref[] users = RefPool.of(BenchmarkSequere.USER, SIDE);
    private final Ref[] projects = RefPool.of(BenchmarkSequere.PROJECT, SIDE);

    /**
     * The follower of edge {@code i}.
     *
     * @param i the edge number, {@code 0 <= i < EDGES}
     * @return a user ref
     */
    public Ref follower(int i) {
        return users[i % SIDE];
    }

    /**
     * The followee of edge {@code i}.
     *
     * @param i the edge number, {@code 0 <= i < EDGES}
     * @return a project ref
     */
    public Ref followee(int i) {
        return projects[(i / SIDE + i) % SIDE];
    }

    /**
     * A user of the grid.
     *
     * @param i {@code 0 <= i < SIDE}
     * @return the user ref
     */
    public Ref user(int i) {
        return users[i];
    }

    /**
     * A project of the grid.
     *
     * @param i {@code 0 <= i < SIDE}
     * @return the project ref
     */
    public Ref project(int i) {
        return projects[i];
    }
}

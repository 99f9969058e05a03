/**
 * JMH benchmarks of Sequere, one sub-package per backend, each benchmark next to a raw baseline
 * measured in the same run, plus the fixtures they share (pre-built refs, a facade with ref-only
 * types). Build with {@code mvn -pl benchmarks -am package -DskipTests}, run with
 * {@code java -jar benchmarks/target/benchmarks.jar <regex>}.
 */
@NullMarked
package dev.sequere.benchmarks;

import org.jspecify.annotations.NullMarked;

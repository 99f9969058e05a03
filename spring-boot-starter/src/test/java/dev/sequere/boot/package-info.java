/**
 * Tests of the starter, on Spring Boot's {@code ApplicationContextRunner}.
 */
@NullMarked
package dev.sequere.boot;

import org.jspecify.annotations.NullMarked;

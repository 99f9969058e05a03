/** Application classes of the tests, found by the {@code @EnableSequere} scan. */
@NullMarked
package dev.sequere.spring.app;

import org.jspecify.annotations.NullMarked;

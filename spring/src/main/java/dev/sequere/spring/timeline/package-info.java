/**
 * Timeline support of {@link dev.sequere.spring.EnableSequere}: the executor fan-out runs on and
 * the orderly shutdown that lets it finish.
 */
@NullMarked
package dev.sequere.spring.timeline;

import org.jspecify.annotations.NullMarked;

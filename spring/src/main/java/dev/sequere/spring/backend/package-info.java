/**
 * Chooses the backend of {@link dev.sequere.spring.EnableSequere} from the context's beans and
 * closes the one it made, after everything that writes through it.
 */
@NullMarked
package dev.sequere.spring.backend;

import org.jspecify.annotations.NullMarked;

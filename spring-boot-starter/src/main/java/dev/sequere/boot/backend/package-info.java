/**
 * How the auto-configuration chooses and builds the backend: {@link dev.sequere.boot.backend.BackendChooser}
 * and one small factory per backend, so that the classes of a backend that is not on the class path
 * are never loaded.
 */
@NullMarked
package dev.sequere.boot.backend;

import org.jspecify.annotations.NullMarked;

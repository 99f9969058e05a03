/**
 * The backend conformance kit, shipped as {@code sequere-core}'s test-jar: abstract contract
 * classes, one per SPI, that a backend module extends in a few lines and runs on its real
 * storage.
 */
@NullMarked
package dev.sequere.tck;

import org.jspecify.annotations.NullMarked;

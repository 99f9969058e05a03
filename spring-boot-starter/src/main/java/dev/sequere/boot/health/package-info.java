/**
 * The {@code sequere} Actuator health indicator and its auto-configuration.
 */
@NullMarked
package dev.sequere.boot.health;

import org.jspecify.annotations.NullMarked;

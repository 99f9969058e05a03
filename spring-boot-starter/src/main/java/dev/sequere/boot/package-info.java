/**
 * Spring Boot auto-configuration of Sequere: the {@link dev.sequere.spi.Backend},
 * {@link dev.sequere.Sequere} and {@link dev.sequere.timeline.Timelines} beans, configured by
 * {@link dev.sequere.boot.SequereProperties} ({@code sequere.*}) and by the application's
 * {@link dev.sequere.boot.SequereBuilderCustomizer} and
 * {@link dev.sequere.boot.TimelinesBuilderCustomizer} beans.
 */
@NullMarked
package dev.sequere.boot;

import org.jspecify.annotations.NullMarked;

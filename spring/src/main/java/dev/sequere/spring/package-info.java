/**
 * Spring integration: {@link dev.sequere.spring.EnableSequere} on a configuration class wires a
 * {@link dev.sequere.Sequere} bean from the application context, with types registered by
 * {@link dev.sequere.spring.SequereConfigurer} beans and {@link dev.sequere.spring.Followable}
 * classes.
 */
@NullMarked
package dev.sequere.spring;

import org.jspecify.annotations.NullMarked;

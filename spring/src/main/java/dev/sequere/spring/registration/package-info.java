/**
 * Turns {@link dev.sequere.spring.Followable} classes into registrations: the class-path scan
 * that finds them and the id accessor named by the annotation.
 */
@NullMarked
package dev.sequere.spring.registration;

import org.jspecify.annotations.NullMarked;

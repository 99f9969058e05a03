/** Tests of the Spring integration, one class per wiring path. */
@NullMarked
package dev.sequere.spring;

import org.jspecify.annotations.NullMarked;

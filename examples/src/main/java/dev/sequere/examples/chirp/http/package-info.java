/**
 * Chirp's HTTP side on the JDK's {@code com.sun.net.httpserver}: a small router, the JSON API and
 * the static page.
 */
@NullMarked
package dev.sequere.examples.chirp.http;

import org.jspecify.annotations.NullMarked;

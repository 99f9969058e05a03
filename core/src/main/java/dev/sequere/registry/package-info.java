/**
 * The registry of followable types: which application classes can follow or be followed, under which type name, how their ids are read and how they are loaded back in batches.
 */
@NullMarked
package dev.sequere.registry;

import org.jspecify.annotations.NullMarked;

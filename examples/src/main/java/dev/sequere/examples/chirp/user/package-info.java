/**
 * Chirp's accounts: users stored in the application's database, passwords hashed with PBKDF2,
 * login sessions kept as random tokens of which only a hash is stored.
 */
@NullMarked
package dev.sequere.examples.chirp.user;

import org.jspecify.annotations.NullMarked;

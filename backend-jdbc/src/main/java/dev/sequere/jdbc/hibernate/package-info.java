/**
 * Hibernate ORM 7 integration (optional dependency): registers JPA entities of a
 * {@code SessionFactory} as followable types, loading them back with one multi-id query per page.
 */
@NullMarked
package dev.sequere.jdbc.hibernate;

import org.jspecify.annotations.NullMarked;

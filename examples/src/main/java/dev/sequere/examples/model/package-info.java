/**
 * The example application's own objects and storage: users, projects and a repository that
 * stands for their database tables. Nothing here knows about Sequere.
 */
@NullMarked
package dev.sequere.examples.model;

import org.jspecify.annotations.NullMarked;

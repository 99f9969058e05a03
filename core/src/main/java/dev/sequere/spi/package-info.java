/**
 * The service provider interface that storage backends implement: {@link dev.sequere.spi.Backend} bundles a {@link dev.sequere.spi.FollowStore} and a {@link dev.sequere.spi.FeedStore}. Backends see only {@link dev.sequere.Ref}s, strings and numbers, never application objects.
 */
@NullMarked
package dev.sequere.spi;

import org.jspecify.annotations.NullMarked;

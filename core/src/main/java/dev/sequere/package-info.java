/**
 * The public API of Sequere: the {@link dev.sequere.Sequere} facade, {@link dev.sequere.Ref}, queries, pages and the exception hierarchy rooted at {@link dev.sequere.SequereException}.
 */
@NullMarked
package dev.sequere;

import org.jspecify.annotations.NullMarked;

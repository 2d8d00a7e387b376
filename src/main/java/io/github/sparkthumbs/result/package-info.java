/**
 * What happened to one input, as a value: a {@link ThumbResult} is one manifest line (its
 * {@link Status}; an {@link ErrorClass} or a {@link SkipReason}; a URL's {@link Http} exchange).
 * An {@link ImageFailure} carries a bad input's class and message to the one place that turns it
 * into a result, so that a bad input never fails a task.
 */
package io.github.sparkthumbs.result;

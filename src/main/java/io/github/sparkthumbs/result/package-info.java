/**
 * What happened to one input, as a value: a {@link ThumbResult} is one manifest line, its
 * {@link Status} and its parts ({@link Input}, {@link Image}, {@link Written}, {@link Failure}
 * with an {@link ErrorClass} or a {@link SkipReason}, {@link Timing}, a URL's {@link Http}
 * exchange). An {@link InputFailure} (an {@link ImageFailure} when the image itself is at fault)
 * carries a bad input's class and message to the one place that turns it into a result, so that a
 * bad input never fails a task.
 */
package io.github.sparkthumbs.result;

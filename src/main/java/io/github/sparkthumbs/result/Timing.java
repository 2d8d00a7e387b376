package io.github.sparkthumbs.result;

import java.io.Serializable;

/**
 * When and how long.
 *
 * @param millis time spent on the input in the task
 * @param finished when the task finished the input (epoch ms), for the report's images/s over
 *     time; null in lines of earlier versions
 */
public record Timing(long millis, Long finished) implements Serializable {
  public static final Timing NONE = new Timing(0, null);
}

package io.github.sparkthumbs.source;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The listing of a list file with columns (CSV, TSV, Parquet), read a row at a time as the task
 * consumes it: a task that owns a list of millions of rows holds one row's items, not the whole
 * list's.
 */
public abstract class RowListing implements Iterator<Listed> {
  private final ArrayDeque<Listed> ready = new ArrayDeque<>();
  /** Where the rows go; each row's items reach {@link #next} in order. */
  protected final ListRows rows;
  private boolean done;

  /**
   * @param rows makes the row reader that sends its items to the given consumer
   */
  protected RowListing(Function<Consumer<Listed>, ListRows> rows) {
    this.rows = rows.apply(ready::add);
    TaskContext task = TaskContext.get();
    if (task != null) {
      // a task that is killed, or stops consuming, would leave the file open
      task.addTaskCompletionListener((TaskCompletionListener) c -> finish());
    }
  }

  @Override
  public final boolean hasNext() {
    while (ready.isEmpty() && !done) {
      step();
    }
    return !ready.isEmpty();
  }

  @Override
  public final Listed next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Reads one row into {@link #rows}, or {@link #finish}es; throws nothing. */
  protected abstract void step();

  /** Releases the file; called once, when the listing is done or its task ends. */
  protected abstract void close() throws IOException;

  /** No more rows: every row is listed or ended as a failed line (or the task ended). */
  protected final void finish() {
    if (!done) {
      done = true;
      try {
        close();
      } catch (IOException e) {
        // every row is listed already; a file we only read has nothing left to lose
      }
    }
  }
}

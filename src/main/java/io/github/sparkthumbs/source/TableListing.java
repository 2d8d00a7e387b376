package io.github.sparkthumbs.source;

import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.ListingSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * The listing of one CSV or TSV list file. A file that vanished, a header that no longer names the
 * URL column, or a read that fails halfway each end the file with one line naming it (and the
 * byte where reading stopped); the run goes on.
 */
public final class TableListing extends RowListing {
  private final String file;
  private final ListingSettings settings;
  private final Configuration conf;
  private CsvTable table;

  /**
   * @param rows makes the row reader that sends its items to the given consumer
   */
  public TableListing(Function<Consumer<Listed>, ListRows> rows, String file, ListingSettings s,
      Configuration conf) {
    super(rows);
    this.file = file;
    this.settings = s;
    this.conf = conf;
  }

  /** The separator of a CSV or TSV list. */
  public static char separator(InputFormat f) {
    return switch (f) {
      case CSV -> ',';
      case TSV -> '\t';
      default -> throw new IllegalArgumentException("not a CSV or TSV format: " + f);
    };
  }

  @Override
  protected void step() {
    long at = 0;
    try {
      if (table == null) {
        table = CsvTable.open(file, separator(settings.inputFormat()), conf,
            settings.urlColumn(), settings.keepColumns());
      }
      at = table.position();
      TableRow r = table.next();
      if (r == null) {
        finish();
        return;
      }
      rows.row(r, settings);
    } catch (FileNotFoundException e) {
      end(at, "does not exist (" + e.getMessage() + ")");
    } catch (IOException | RuntimeException e) {
      // a SettingsException here means the file changed after the driver read its header
      end(at, "reading stopped: " + e);
    }
  }

  private void end(long at, String why) {
    rows.badRow(ListSplit.where(file, at), why);
    finish();
  }

  @Override
  protected void close() throws IOException {
    if (table != null) {
      table.close();
    }
  }
}

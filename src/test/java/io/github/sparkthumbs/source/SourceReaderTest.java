package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local files are read whole, in slices of {@link SourceReader#READ_SLICE}: every byte of files
 * of one slice, just over, several and a bit, each at its place, whether the source is named by
 * a {@code file:} URI or a plain path.
 */
class SourceReaderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} bytes past whole slices")
  @ValueSource(ints = {-1, 0, 1, 123})
  void aLocalFileIsReadWhole(int extra) throws Exception {
    for (int slices : new int[] {1, 3}) {
      byte[] content = new byte[slices * SourceReader.READ_SLICE + extra];
      new Random(slices * 31L + extra).nextBytes(content);
      Path file = Files.write(dir.resolve("f" + slices + "_" + extra + ".bin"), content);
      SourceReader reader = new SourceReader(new Configuration());
      for (String name : new String[] {file.toUri().toString(), Images.hadoopPath(file)}) {
        byte[] read = reader.read(new Source(name, "f.bin", content.length, 0), Long.MAX_VALUE);
        assertEquals(content.length, read.length, name);
        assertArrayEquals(content, read, name);
      }
    }
  }

  @Test
  void aFileOverTheLimitIsNotRead() throws Exception {
    byte[] content = new byte[SourceReader.READ_SLICE + 10];
    Path file = Files.write(dir.resolve("big.bin"), content);
    InputFailure f = assertThrowsExactly(InputFailure.class, () -> new SourceReader(
        new Configuration()).read(new Source(file.toUri().toString(), "big.bin", content.length, 0),
            content.length - 1));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
  }
}

package io.github.sparkthumbs.image;

import java.util.Arrays;

/**
 * A progressive JPEG decoded at 1/8 scale needs only its DC coefficients for the components
 * libjpeg-turbo reconstructs with its 1x1 IDCT, yet it entropy-decodes every AC scan (as PIL
 * does). This rewrites the stream so that those AC scans are never read.
 *
 * <p>What libjpeg-turbo 2.1.5 does at 1/8 (the facts this relies on, all in its sources):
 * <ul>
 *   <li>{@code jddctmgr.c}: a component whose DCT scaled size is 1 uses {@code jpeg_idct_1x1},
 *       which reads the DC coefficient only.
 *   <li>{@code jdmaster.c jpeg_calc_output_dimensions}: the scaled size is 1 only for components
 *       sampled like the largest; subsampled chroma (4:2:0) is scaled up by the IDCT instead, 2x2
 *       ({@code jpeg_idct_2x2} reads rows and columns 0, 1, 3, 5 and 7), so its AC scans stay.
 *       The same holds for 1/4 and 1/2: {@code jidctred.c} reads coefficients up to (7,7), so no
 *       AC scan of a usual script can be dropped at those scales.
 *   <li>{@code jdcoefct.c}: block smoothing runs when some AC coefficient is not fully known, and
 *       when coefficients 1..9 of a component are all unknown it changes the DC itself
 *       ({@code change_dc}). Simply dropping the AC scans would blur the 1/8 image. So for each
 *       component whose AC scans were dropped, one AC scan is appended that says "every AC
 *       coefficient is exactly zero" (spectral selection 1..63, approximation 0, made of EOB runs,
 *       a few bytes): the decoder then knows all coefficients, skips smoothing, and the 1/8 image
 *       is the 1x1 IDCT of the same DC values as the full decode: the same pixels.
 * </ul>
 *
 * <p>Untrusted input, so the rewrite is refused (null: decode the file as it is) whenever the
 * stream is anything but a complete, well-formed progressive Huffman JPEG: truncated (no EOI),
 * garbage between segments, a marker libjpeg does not expect, a scan that libjpeg would reject or
 * warn about (spectral selection, successive approximation or progression out of order, restart
 * markers out of sequence or miscounted), a dropped scan whose AC table is undefined or one libjpeg
 * rejects, a component without DC, or one whose coefficients 1..9 are never sent (its full decode
 * is DC-smoothed). Damaged files are thus decoded whole, with a whole decode's warnings. One thing
 * cannot be seen without the decoding we skip: corrupt entropy data inside a dropped AC scan of
 * a structurally intact file. libjpeg would warn about it while still showing the image; the 1/8
 * decode shows the same pixels without the warning, so --strict does not use the rewrite
 * (docs/progressive-jpeg.md has the measured share).
 *
 * <p>It is one class, over 400 lines, because it is one pass: each segment is parsed, checked
 * against libjpeg's rules and copied or dropped as it is read, and the checks are what make the
 * rewrite safe; split, each part would need the others' state (tables, scan history, restarts).
 */
final class ProgressiveDc {
  private static final int SOF2 = 0xC2;
  private static final int DHT = 0xC4;
  private static final int SOS = 0xDA;
  private static final int DQT = 0xDB;
  private static final int DRI = 0xDD;
  private static final int COM = 0xFE;
  private static final int EOI = 0xD9;
  /**
   * {@code -Dthumbnailer.jpeg.dc-scans=false} turns the rewrite off (read at each decode, so
   * that tools/DecodeBench can compare both in one JVM).
   */
  static final String PROPERTY = "thumbnailer.jpeg.dc-scans";
  /** The longest run one EOB symbol can code: EOB14 plus 14 extra bits. */
  private static final int MAX_EOB_RUN = 32767;

  private ProgressiveDc() {}

  /**
   * Whether TurboJPEG decodes a {@code w x h} JPEG into a {@code sw x sh} destination at 1/8:
   * it takes the largest factor whose size fits, so a tiny image whose 1/4 size is its 1/8 size
   * is decoded at 1/4. False too when {@link #PROPERTY} is {@code false}.
   */
  static boolean isEighthScale(int w, int h, int sw, int sh) {
    return !"false".equals(System.getProperty(PROPERTY))
        && sw == ceilDiv(w, 8) && sh == ceilDiv(h, 8)
        && (ceilDiv(w, 4) > sw || ceilDiv(h, 4) > sh);
  }

  /**
   * The stream to decode at 1/8 in place of {@code jpeg}: every segment and the scans that the
   * 1/8 image needs, the dropped AC scans replaced by zero-AC scans; or null when {@code jpeg} is
   * not a complete progressive JPEG with AC scans to drop. Never throws; the result is at most a
   * few hundred bytes longer than the input.
   */
  static byte[] rewrite(byte[] jpeg) {
    try {
      return new Parser(jpeg).run();
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      return null; // a bounds slip of ours on hostile bytes must cost the speed-up, not the file
    }
  }

  private static int ceilDiv(long a, long b) {
    return (int) ((a + b - 1) / b);
  }

  private static final class Parser {
    private final byte[] b;
    private final int n;
    private final Out out;
    private int restartInterval;
    // the frame (SOF2)
    private boolean haveFrame;
    private int width;
    private int height;
    private int[] ids;
    private int[] hs;
    private int[] vs;
    private int maxH;
    private int maxV;
    /** Per component: libjpeg's coef_bits, -1 until a scan sends the coefficient. */
    private int[][] coefBits;
    /** Per component: reconstructed by the 1x1 IDCT at 1/8, so its AC scans are not needed. */
    private boolean[] dcOnly;
    /** AC tables 0..3: defined by a DHT that libjpeg accepts (a dropped scan is not checked). */
    private final boolean[] acTableOk = new boolean[4];

    Parser(byte[] b) {
      this.b = b;
      this.n = b.length;
      this.out = new Out(Math.max(64, n / 4));
    }

    private int u8(int p) {
      return b[p] & 0xFF;
    }

    private int u16(int p) {
      return (u8(p) << 8) | u8(p + 1);
    }

    byte[] run() {
      if (n < 4 || u8(0) != 0xFF || u8(1) != 0xD8) {
        return null;
      }
      out.write(b, 0, 2);
      int pos = 2;
      while (true) {
        if (pos + 2 > n || u8(pos) != 0xFF) {
          return null; // truncated, or bytes libjpeg would skip with a warning
        }
        int m = u8(pos + 1);
        if (m == EOI) {
          return haveFrame ? finish() : null; // anything after EOI is never read
        }
        if (pos + 4 > n) {
          return null;
        }
        int len = u16(pos + 2);
        int end = pos + 2 + len;
        if (len < 2 || end > n) {
          return null;
        }
        if (m == SOF2) {
          if (haveFrame || !frame(pos + 4, len - 2)) {
            return null;
          }
          out.write(b, pos, end - pos);
          pos = end;
        } else if (m == SOS) {
          pos = scan(pos, end);
          if (pos < 0) {
            return null;
          }
        } else if (m == DHT) {
          huffmanTables(pos + 4, end);
          out.write(b, pos, end - pos);
          pos = end;
        } else if (m == DQT || m == COM || (m >= 0xE0 && m <= 0xEF)) {
          out.write(b, pos, end - pos);
          pos = end;
        } else if (m == DRI) {
          if (len != 4) {
            return null;
          }
          restartInterval = u16(pos + 4);
          out.write(b, pos, end - pos);
          pos = end;
        } else {
          return null; // another SOFn (baseline, arithmetic, lossless), DNL, DAC, fill, RSTn...
        }
      }
    }

    /**
     * The tables of a DHT payload {@code [p, end)}, checked as jdhuff.c's
     * jpeg_make_d_derived_tbl checks them when a scan uses one: libjpeg stops with an error on a
     * bad table that a kept scan uses, so only the AC tables that dropped scans use matter here.
     */
    private void huffmanTables(int p, int end) {
      while (p + 17 <= end) {
        int tc = u8(p) >> 4;
        int th = u8(p) & 15;
        int total = 0;
        for (int len = 1; len <= 16; len++) {
          total += u8(p + len);
        }
        boolean ok = total <= 256 && p + 17 + total <= end && !codesRunOut(p);
        if (tc == 1 && th < 4) {
          acTableOk[th] = ok;
        }
        if (!ok) {
          Arrays.fill(acTableOk, false); // the rest of the segment is not parsed: trust none
          return;
        }
        p += 17 + total;
      }
    }

    /**
     * Whether the canonical code has more codes of some length than there are, the all-ones code
     * counted as one too many ("code >= 1 << si"): libjpeg's "Bogus Huffman table definition".
     * The first length where the codes overflow always has codes of its own (the codes of a
     * length with none are twice the shorter ones), so lengths without codes need no exception.
     */
    private boolean codesRunOut(int p) {
      int code = 0;
      for (int len = 1; len <= 16; len++) {
        code += u8(p + len);
        if (code >= (1 << len)) {
          return true;
        }
        code <<= 1;
      }
      return false;
    }

    /** The frame header's payload at {@code p}, {@code len} bytes; false when unusable. */
    private boolean frame(int p, int len) {
      if (len < 6) {
        return false;
      }
      int precision = u8(p);
      height = u16(p + 1);
      width = u16(p + 3);
      int nf = u8(p + 5);
      if (precision != 8 || height == 0 || width == 0 || nf < 1 || nf > 4 || len != 6 + 3 * nf) {
        return false;
      }
      ids = new int[nf];
      hs = new int[nf];
      vs = new int[nf];
      for (int i = 0; i < nf; i++) {
        int c = p + 6 + 3 * i;
        ids[i] = u8(c);
        hs[i] = u8(c + 1) >> 4;
        vs[i] = u8(c + 1) & 15;
        if (hs[i] < 1 || hs[i] > 4 || vs[i] < 1 || vs[i] > 4 || u8(c + 2) > 3) {
          return false;
        }
        for (int j = 0; j < i; j++) {
          if (ids[j] == ids[i]) {
            return false;
          }
        }
        maxH = Math.max(maxH, hs[i]);
        maxV = Math.max(maxV, vs[i]);
      }
      coefBits = new int[nf][64];
      dcOnly = new boolean[nf];
      for (int i = 0; i < nf; i++) {
        Arrays.fill(coefBits[i], -1);
        // jdmaster.c: a component's DCT scaled size starts at 1 at 1/8 and doubles while twice
        // its sampling still divides the largest sampling both ways; only size 1 matters here
        dcOnly[i] = maxH % (2 * hs[i]) != 0 || maxV % (2 * vs[i]) != 0;
      }
      haveFrame = true;
      return true;
    }

    /**
     * The scan whose SOS segment is {@code [pos, hdrEnd)}: checked, then copied with its
     * entropy-coded data or dropped. Returns where the next marker starts, or -1 to refuse.
     */
    private int scan(int pos, int hdrEnd) {
      int p = pos + 4;
      if (!haveFrame || hdrEnd - p < 1) {
        return -1;
      }
      int ns = u8(p);
      if (ns < 1 || ns > 4 || hdrEnd - p != 4 + 2 * ns) {
        return -1;
      }
      int[] comps = new int[ns];
      for (int i = 0; i < ns; i++) {
        comps[i] = indexOf(u8(p + 1 + 2 * i));
        int tables = u8(p + 2 + 2 * i);
        if (comps[i] < 0 || (tables >> 4) > 3 || (tables & 15) > 3) {
          return -1;
        }
        for (int j = 0; j < i; j++) {
          if (comps[j] == comps[i]) {
            return -1;
          }
        }
      }
      int ss = u8(p + 1 + 2 * ns);
      int se = u8(p + 2 + 2 * ns);
      int ah = u8(p + 3 + 2 * ns) >> 4;
      int al = u8(p + 3 + 2 * ns) & 15;
      // jdphuff.c start_pass_phuff_decoder: what libjpeg rejects (fatal) or warns about
      if (ss == 0 ? se != 0 : se < ss || se > 63 || ns != 1) {
        return -1;
      }
      if ((ah != 0 && al != ah - 1) || al > 13) {
        return -1;
      }
      for (int c : comps) {
        int[] bits = coefBits[c];
        if (ss > 0 && bits[0] < 0) {
          return -1; // AC before DC: libjpeg's "bogus progression" warning
        }
        for (int k = ss; k <= se; k++) {
          if (ah != Math.max(0, bits[k])) {
            return -1;
          }
          bits[k] = al;
        }
      }
      int end = entropyEnd(hdrEnd, mcus(comps));
      if (end < 0) {
        return -1;
      }
      if (ss > 0 && dcOnly[comps[0]]) {
        if (!acTableOk[u8(p + 2) & 15]) {
          return -1; // the full decode would stop on the missing or bad table
        }
      } else {
        out.write(b, pos, end - pos);
      }
      return end;
    }

    private int indexOf(int id) {
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == id) {
          return i;
        }
      }
      return -1;
    }

    /** MCUs in a scan of {@code comps}: blocks of one component, or interleaved MCUs. */
    private long mcus(int[] comps) {
      if (comps.length == 1) {
        return blocks(comps[0]);
      }
      return (long) ceilDiv(width, 8L * maxH) * ceilDiv(height, 8L * maxV);
    }

    private long blocks(int c) {
      return (long) ceilDiv((long) width * hs[c], 8L * maxH)
          * ceilDiv((long) height * vs[c], 8L * maxV);
    }

    /**
     * Where the entropy-coded data from {@code p} ends: the 0xFF of the next marker that is
     * neither a stuffed 0xFF00 nor RSTn. The RSTn must cycle 0..7 and number one per restart
     * interval, as libjpeg expects; -1 otherwise or when the data runs off the end.
     */
    private int entropyEnd(int p, long mcus) {
      long restarts = 0;
      int e = p;
      while (true) {
        while (e < n && b[e] != (byte) 0xFF) {
          e++;
        }
        int k = e + 1;
        while (k < n && b[k] == (byte) 0xFF) {
          k++; // fill bytes
        }
        if (k >= n) {
          return -1;
        }
        int c = u8(k);
        if (c == 0) {
          e = k + 1;
        } else if (c >= 0xD0 && c <= 0xD7) {
          if (restartInterval == 0 || c - 0xD0 != (int) (restarts & 7)) {
            return -1;
          }
          restarts++;
          e = k + 1;
        } else {
          long expected = restartInterval == 0 ? 0 : (mcus - 1) / restartInterval;
          return restarts == expected ? e : -1;
        }
      }
    }

    private byte[] finish() {
      for (int c = 0; c < ids.length; c++) {
        if (coefBits[c][0] < 0) {
          return null; // a component without DC: leave it to libjpeg as it is
        }
        // Its full decode is DC-smoothed (change_dc): not the same pixels. This also refuses a
        // stream with no AC scan to drop: a component sampled like the largest is dcOnly, and
        // every AC scan of a dcOnly component is dropped.
        if (dcOnly[c] && !anyKnown(coefBits[c], 1, 9)) {
          return null;
        }
      }
      if (restartInterval != 0) {
        out.write(new byte[] {(byte) 0xFF, (byte) DRI, 0, 4, 0, 0}, 0, 6);
      }
      // AC table 0: EOB0..EOB14 (symbols 0x00..0xE0), 4-bit codes 0000..1110
      byte[] dht = new byte[4 + 1 + 16 + 15];
      dht[0] = (byte) 0xFF;
      dht[1] = (byte) DHT;
      dht[3] = (byte) (dht.length - 2);
      dht[4] = 0x10;
      dht[5 + 3] = 15;
      for (int r = 0; r < 15; r++) {
        dht[21 + r] = (byte) (r << 4);
      }
      out.write(dht, 0, dht.length);
      for (int c = 0; c < ids.length; c++) {
        if (dcOnly[c]) { // all its AC scans were dropped: a first AC scan (Ah = 0) is in order
          byte[] sos = {(byte) 0xFF, (byte) SOS, 0, 8, 1, (byte) ids[c], 0, 1, 63, 0};
          out.write(sos, 0, sos.length);
          eobRuns(blocks(c));
        }
      }
      out.write(new byte[] {(byte) 0xFF, (byte) EOI}, 0, 2);
      return out.toByteArray();
    }

    private static boolean anyKnown(int[] bits, int from, int to) {
      for (int k = from; k <= to; k++) {
        if (bits[k] >= 0) {
          return true;
        }
      }
      return false;
    }

    /** EOB runs covering {@code blocks} blocks, padded with 1 bits, 0xFF stuffed. */
    private void eobRuns(long blocks) {
      Bits w = new Bits(out);
      while (blocks > 0) {
        int run = (int) Math.min(blocks, MAX_EOB_RUN);
        int r = 31 - Integer.numberOfLeadingZeros(run);
        w.put(r, 4);
        w.put(run, r); // its low r bits: the run less its top bit, 1 << r
        blocks -= run;
      }
      w.flush();
    }
  }

  /** Bits of the entropy-coded data, MSB first, with 0xFF stuffing. */
  private static final class Bits {
    private final Out out;
    private int acc;
    private int count;

    Bits(Out out) {
      this.out = out;
    }

    void put(int value, int len) {
      for (int i = len - 1; i >= 0; i--) {
        acc = (acc << 1) | ((value >> i) & 1);
        if (++count == 8) {
          emit();
        }
      }
    }

    void flush() {
      while (count != 0) {
        put(1, 1);
      }
    }

    private void emit() {
      out.write1(acc & 0xFF);
      if ((acc & 0xFF) == 0xFF) {
        out.write1(0);
      }
      acc = 0;
      count = 0;
    }
  }

  /** A growable byte array (ByteArrayOutputStream without its locks). */
  private static final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    void write(byte[] src, int off, int len) {
      ensure(len);
      System.arraycopy(src, off, buf, size, len);
      size += len;
    }

    void write1(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }
}

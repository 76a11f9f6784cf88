package dev.gitops.imagebuilder.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One HTTP response body as it arrives in chunks: a gzip stream (RFC 1952, one member) is inflated
 * chunk by chunk and its CRC-32 and length checked at the end; anything else passes through
 * unchanged. A JSON body cannot start with gzip's first magic byte (a control character), so the
 * body's first byte says which it is. Not thread-safe: one instance per response, fed in order.
 */
final class GzipStream {
  private static final int MAGIC_1 = 0x1f;
  private static final int MAGIC_2 = 0x8b;
  private static final int DEFLATE = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED_FLAGS = 0xe0;
  private static final int FIXED_HEADER = 10;
  private static final int TRAILER = 8;
  private static final int OUTPUT_BUFFER = 64 * 1024;

  private enum Phase {
    UNDECIDED,
    PASS_THROUGH,
    HEADER,
    BODY,
    TRAILER,
    ENDED
  }

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private Phase phase = Phase.UNDECIDED;

  /** Header or trailer bytes collected across chunks. */
  private byte[] pending = new byte[FIXED_HEADER];

  private int pendingLength;
  private long inflatedBytes;

  /** The decoded bytes of {@code chunk}: possibly none (a header still arriving), never null. */
  List<ByteBuffer> decode(List<ByteBuffer> chunk) throws IOException {
    List<ByteBuffer> out = new ArrayList<>();
    for (ByteBuffer buffer : chunk) {
      decode(buffer, out);
    }
    return out;
  }

  private void decode(ByteBuffer in, List<ByteBuffer> out) throws IOException {
    while (in.hasRemaining()) {
      switch (phase) {
        case UNDECIDED ->
            phase = (in.get(in.position()) & 0xff) == MAGIC_1 ? Phase.HEADER : Phase.PASS_THROUGH;
        case PASS_THROUGH -> {
          out.add(in.slice());
          in.position(in.limit());
        }
        case HEADER -> {
          collect(in, pendingLength + 1);
          int length = headerLength();
          if (length == pendingLength) {
            phase = Phase.BODY;
            pendingLength = 0;
          }
        }
        case BODY -> inflate(in, out);
        case TRAILER -> {
          collect(in, TRAILER);
          if (pendingLength == TRAILER) {
            checkTrailer();
            phase = Phase.ENDED;
            inflater.end();
          }
        }
        case ENDED -> throw new IOException("gzip response: data after the end of the stream");
      }
    }
  }

  /** Moves bytes from {@code in} into {@link #pending} until it holds {@code upTo} bytes. */
  private void collect(ByteBuffer in, int upTo) {
    if (pending.length < upTo) {
      pending = Arrays.copyOf(pending, Math.max(upTo, pending.length * 2));
    }
    int n = Math.min(upTo - pendingLength, in.remaining());
    in.get(pending, pendingLength, n);
    pendingLength += n;
  }

  /**
   * The full header's length once {@link #pending} shows it, or more than {@code pendingLength}
   * while it is still arriving.
   */
  private int headerLength() throws IOException {
    if (pendingLength >= 2 && (pending[1] & 0xff) != MAGIC_2) {
      throw new IOException("gzip response: not a gzip stream");
    }
    if (pendingLength < FIXED_HEADER) {
      return FIXED_HEADER;
    }
    if (pending[2] != DEFLATE) {
      throw new IOException("gzip response: compression method " + pending[2] + " is not deflate");
    }
    int flags = pending[3] & 0xff;
    if ((flags & RESERVED_FLAGS) != 0) {
      throw new IOException("gzip response: reserved header flags set");
    }
    int length = FIXED_HEADER;
    if ((flags & FEXTRA) != 0) {
      if (pendingLength < length + 2) {
        return length + 2;
      }
      length += 2 + ((pending[length] & 0xff) | (pending[length + 1] & 0xff) << 8);
    }
    for (int field : new int[] {FNAME, FCOMMENT}) {
      if ((flags & field) != 0) {
        length = endOfZeroTerminated(length);
        if (length > pendingLength) {
          return length;
        }
      }
    }
    return (flags & FHCRC) != 0 ? length + 2 : length;
  }

  /** Where a zero-terminated field starting at {@code from} ends, or past what has arrived. */
  private int endOfZeroTerminated(int from) {
    for (int i = from; i < pendingLength; i++) {
      if (pending[i] == 0) {
        return i + 1;
      }
    }
    return pendingLength + 1;
  }

  private void inflate(ByteBuffer in, List<ByteBuffer> out) throws IOException {
    inflater.setInput(in);
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        ByteBuffer target = ByteBuffer.allocate(OUTPUT_BUFFER);
        int n = inflater.inflate(target);
        if (n == 0 && inflater.needsDictionary()) {
          throw new IOException("gzip response: deflate stream needs a preset dictionary");
        }
        target.flip();
        if (target.hasRemaining()) {
          crc.update(target.duplicate());
          inflatedBytes += n;
          out.add(target);
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("gzip response: " + e.getMessage(), e);
    }
    if (inflater.finished()) {
      phase = Phase.TRAILER;
    }
  }

  private void checkTrailer() throws IOException {
    long expectedCrc = littleEndianInt(0);
    long expectedSize = littleEndianInt(4);
    if (expectedCrc != crc.getValue() || expectedSize != (inflatedBytes & 0xffffffffL)) {
      throw new IOException("gzip response: CRC or length does not match its trailer");
    }
  }

  private long littleEndianInt(int at) {
    return (pending[at] & 0xffL)
        | (pending[at + 1] & 0xffL) << 8
        | (pending[at + 2] & 0xffL) << 16
        | (pending[at + 3] & 0xffL) << 24;
  }
}

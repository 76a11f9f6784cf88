package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipStreamTest {
  private static final byte[] LIST = listJson(2_000);

  @ParameterizedTest(name = "chunks of {0} bytes")
  @ValueSource(ints = {1, 2, 7, 10, 11, 4096, 1 << 20})
  void inflatesAGzipBodyHoweverItIsSplit(int chunkSize) throws IOException {
    byte[] gzip = gzip(LIST);

    assertThat(decodeInChunks(gzip, chunkSize)).isEqualTo(LIST);
  }

  @Test
  void inflatesRandomSplitsIntoSeveralBuffersPerChunk() throws IOException {
    byte[] gzip = gzip(LIST);
    Random random = new Random(42);
    GzipStream stream = new GzipStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < gzip.length) {
      List<ByteBuffer> chunk = new ArrayList<>();
      for (int i = 0; i < 3 && at < gzip.length; i++) {
        int n = Math.min(1 + random.nextInt(3_000), gzip.length - at);
        chunk.add(ByteBuffer.wrap(gzip, at, n));
        at += n;
      }
      write(stream.decode(chunk), out);
    }

    assertThat(out.toByteArray()).isEqualTo(LIST);
  }

  @Test
  void readsEveryOptionalHeaderField() throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 255});
    header.write(new byte[] {3, 0, 'x', 'y', 'z'}); // FEXTRA: length 3
    header.write("list.json\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
    header.write("a comment\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
    header.write(new byte[] {0x12, 0x34}); // FHCRC
    byte[] gzip = member(header.toByteArray(), LIST);

    for (int chunkSize : new int[] {1, 5, 64}) {
      assertThat(decodeInChunks(gzip, chunkSize)).as("chunks of %d", chunkSize).isEqualTo(LIST);
    }
  }

  @Test
  void passesAnUncompressedBodyThroughUnchanged() throws IOException {
    assertThat(decodeInChunks(LIST, 1)).isEqualTo(LIST);
    assertThat(decodeInChunks(LIST, 3_000)).isEqualTo(LIST);
  }

  @Test
  void aHeaderStillArrivingDecodesToNothingYet() throws IOException {
    GzipStream stream = new GzipStream();

    assertThat(stream.decode(List.of(ByteBuffer.wrap(new byte[] {0x1f, (byte) 0x8b, 8}))))
        .isEmpty();
  }

  @Test
  void refusesAStreamWhoseChecksumDoesNotMatch() {
    byte[] gzip = gzip(LIST);
    gzip[gzip.length - 8] ^= 1; // the CRC-32's lowest byte

    assertThatThrownBy(() -> decodeInChunks(gzip, 4096))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CRC or length does not match");
  }

  @Test
  void refusesCorruptDeflateData() {
    byte[] gzip = gzip(LIST);
    for (int i = 10; i < 40; i++) {
      gzip[i] = (byte) 0xff;
    }

    assertThatThrownBy(() -> decodeInChunks(gzip, 4096))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("gzip response:");
  }

  @Test
  void refusesABodyThatStartsLikeGzipButIsNot() {
    byte[] notGzip = {0x1f, '{', '}', 0, 0, 0, 0, 0, 0, 0, 0};

    assertThatThrownBy(() -> decodeInChunks(notGzip, 4))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a gzip stream");
  }

  @Test
  void refusesAnotherCompressionMethod() {
    byte[] header = {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};

    assertThatThrownBy(() -> decodeInChunks(header, 13))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("compression method 7 is not deflate");
  }

  @Test
  void refusesDataAfterTheStream() {
    byte[] gzip = gzip(LIST);
    byte[] twoMembers = new byte[gzip.length * 2];
    System.arraycopy(gzip, 0, twoMembers, 0, gzip.length);
    System.arraycopy(gzip, 0, twoMembers, gzip.length, gzip.length);

    assertThatThrownBy(() -> decodeInChunks(twoMembers, 4096))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data after the end of the stream");
  }

  private static byte[] decodeInChunks(byte[] body, int chunkSize) throws IOException {
    GzipStream stream = new GzipStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += chunkSize) {
      byte[] copy = new byte[Math.min(chunkSize, body.length - at)];
      System.arraycopy(body, at, copy, 0, copy.length);
      write(stream.decode(List.of(ByteBuffer.wrap(copy))), out);
    }
    return out.toByteArray();
  }

  private static void write(List<ByteBuffer> buffers, ByteArrayOutputStream out) {
    for (ByteBuffer b : buffers) {
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.writeBytes(bytes);
    }
  }

  /** A list of workflows as the API server writes it: repetitive JSON. */
  private static byte[] listJson(int items) {
    StringBuilder json = new StringBuilder("{\"kind\":\"ImageBuilderWorkflowList\",\"items\":[");
    for (int i = 0; i < items; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"metadata\":{\"name\":\"w-")
          .append(i)
          .append("\",\"uid\":\"")
          .append(Integer.toHexString(i * 7919))
          .append("\"},\"spec\":{\"semanticVersion\":\"1.0.")
          .append(i % 17)
          .append("\"}}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** One gzip member with the given header, then raw deflate data and the trailer. */
  private static byte[] member(byte[] header, byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteBuffer trailer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).putInt(data.length);
    out.writeBytes(trailer.array());
    return out.toByteArray();
  }
}

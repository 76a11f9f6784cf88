package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompressedReadsTest {
  private static final String LIST = "https://127.0.0.1:6443/apis/g/v1/namespaces/a/things";
  private final CompressedReads reads = new CompressedReads();

  @Test
  void asksForGzipOnReadsOnly() {
    assertThat(acceptEncoding("GET", LIST)).isEqualTo("gzip");
    assertThat(acceptEncoding("GET", LIST + "?labelSelector=a%3Db&limit=500")).isEqualTo("gzip");
    assertThat(acceptEncoding("GET", LIST + "?resourceVersion=12&watch=true")).isNull();
    assertThat(acceptEncoding("PATCH", LIST + "/one")).isNull();
    assertThat(acceptEncoding("POST", LIST)).isNull();
  }

  @Test
  void leavesTheBodyOfOtherRequestsToTheirConsumer() {
    AsyncBody.Consumer<List<ByteBuffer>> original = (chunk, body) -> {};

    assertThat(reads.consumer(original, request("GET", LIST + "?watch=true"))).isSameAs(original);
    assertThat(reads.consumer(original, request("PUT", LIST))).isSameAs(original);
  }

  @Test
  void asksForTheNextChunkItselfWhileAGzipHeaderArrives() throws Exception {
    List<ByteBuffer> delivered = new ArrayList<>();
    RecordingBody body = new RecordingBody();
    var consumer = reads.consumer((chunk, b) -> delivered.addAll(chunk), request("GET", LIST));

    consumer.consume(List.of(ByteBuffer.wrap(new byte[] {0x1f, (byte) 0x8b, 8})), body);

    assertThat(delivered).isEmpty();
    assertThat(body.requested).hasValue(1);
  }

  @Test
  void handsAnUncompressedBodyOnWithTheSameBody() throws Exception {
    List<ByteBuffer> delivered = new ArrayList<>();
    RecordingBody body = new RecordingBody();
    var consumer = reads.consumer((chunk, b) -> delivered.addAll(chunk), request("GET", LIST));

    consumer.consume(
        List.of(ByteBuffer.wrap("{\"items\":[]}".getBytes(StandardCharsets.UTF_8))), body);

    assertThat(StandardCharsets.UTF_8.decode(delivered.get(0)).toString())
        .isEqualTo("{\"items\":[]}");
    assertThat(body.requested).as("the downstream consumer decides when to read on").hasValue(0);
  }

  private String acceptEncoding(String method, String uri) {
    StandardHttpRequest request = request(method, uri);
    StandardHttpRequest.Builder builder = request.newBuilder();
    reads.before(builder, request, null);
    return builder.build().header("Accept-Encoding");
  }

  private static StandardHttpRequest request(String method, String uri) {
    return new StandardHttpRequest(Map.of(), URI.create(uri), method, null);
  }

  private static final class RecordingBody implements AsyncBody {
    final AtomicInteger requested = new AtomicInteger();

    @Override
    public void consume() {
      requested.incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> done() {
      return new CompletableFuture<>();
    }

    @Override
    public void cancel() {}
  }
}

package dev.gitops.imagebuilder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.emulator.EmulatorCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/imagebuilder-emulator.jar --port 0} as its own process, and its control
 * API (see {@code ControlHttpHandler}).
 */
final class EmulatorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target/imagebuilder-emulator.jar");
  private static final String LISTENING = "imagebuilder emulator listening on ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Writes share one bucket per operation, reads another (AWS throttles per API). */
  static final Map<String, Integer> RATE_PER_SECOND =
      Map.of(
          "CreateWorkflow", 20,
          "TagResource", 20,
          "UntagResource", 20,
          "DeleteWorkflow", 20,
          "ListWorkflows", 50,
          "ListWorkflowBuildVersions", 50,
          "GetWorkflow", 50);

  static final List<String> OPERATIONS =
      List.of(
          "CreateWorkflow",
          "GetWorkflow",
          "ListWorkflows",
          "ListWorkflowBuildVersions",
          "DeleteWorkflow",
          "TagResource",
          "UntagResource",
          "ListTagsForResource");

  private final Process process;
  private final URI endpoint;

  private EmulatorProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static EmulatorProcess start(Path log) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run mvn -DskipTests package first");
    }
    Process process =
        new ProcessBuilder(javaExecutable(), "-jar", JAR.toString(), "--port", "0")
            .redirectError(log.toFile())
            .start();
    var out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith(LISTENING)) {
      process.destroyForcibly();
      throw new IllegalStateException("the emulator did not start: " + line + "; see " + log);
    }
    return new EmulatorProcess(process, URI.create(line.substring(LISTENING.length()).strip()));
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** What the operator needs to reach this emulator with its test credentials. */
  Map<String, String> awsEnvironment() {
    return Map.of(
        "AWS_ENDPOINT_URL_IMAGEBUILDER", endpoint.toString(),
        "AWS_ACCESS_KEY_ID", EmulatorCredentials.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", EmulatorCredentials.SECRET_ACCESS_KEY);
  }

  /** A fixed latency on every call and the account's per-operation token buckets. */
  void accountLimits(int latencyMillis) {
    fault(Map.of("latencyMs", List.of(latencyMillis, latencyMillis)));
    RATE_PER_SECOND.forEach(
        (op, rate) ->
            fault(Map.of("rateLimit", Map.of("operation", op, "perSecond", rate, "burst", rate))));
  }

  /**
   * Raises the account's quota of workflow build versions (the emulator's default, 10,000, is below
   * what 3 builds for each of 5,000 resources need): the benchmark measures pace, not the quota.
   */
  void buildVersionQuota(int max) {
    call("PUT", "quota", Map.of("maxBuildVersions", max));
  }

  void fault(Object body) {
    call("POST", "faults", body);
  }

  void clearFaults() {
    call("DELETE", "faults", null);
  }

  /** Refuses connections for {@code seconds}, then serves again on the same port. */
  void unreachableFor(int seconds) {
    call("POST", "unreachable", Map.of("seconds", seconds));
  }

  /** operation → outcome → count. */
  Map<String, Map<String, Long>> counters() {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    call("GET", "counters", null)
        .fields()
        .forEachRemaining(
            op -> {
              Map<String, Long> outcomes = new TreeMap<>();
              op.getValue()
                  .fields()
                  .forEachRemaining(o -> outcomes.put(o.getKey(), o.getValue().asLong()));
              counts.put(op.getKey(), outcomes);
            });
    return counts;
  }

  /** Every stored build (GetWorkflow's Workflow shape). */
  JsonNode builds() {
    return call("GET", "builds", null);
  }

  private JsonNode call(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
      HttpResponse<byte[]> response =
          HTTP.send(
              HttpRequest.newBuilder(endpoint.resolve("/_emulator/" + path))
                  .method(method, publisher)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method
                + " /_emulator/"
                + path
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

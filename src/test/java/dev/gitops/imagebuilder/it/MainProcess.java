package dev.gitops.imagebuilder.it;

import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.emulator.EmulatorCredentials;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code Main} in its own JVM, configured only through environment variables as in a pod
 * (leader election on, Lease in the test namespace), against the test's API server and emulator.
 * Its output goes to a temporary file, deleted on {@link #close()}.
 */
final class MainProcess implements AutoCloseable {
  private static final Pattern STARTED =
      Pattern.compile("Operator started \\(identity ([^,]+), .*http port (\\d+)\\)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path log;
  private final String identity;
  private final int port;

  private MainProcess(Process process, Path log, String identity, int port) {
    this.process = process;
    this.log = log;
    this.identity = identity;
    this.port = port;
  }

  /**
   * {@code java -cp <test class path> Main} with no {@code AWS_*} or {@code IBW_*} variable
   * inherited.
   */
  static ProcessBuilder builder() {
    var builder =
        new ProcessBuilder(
            new ArrayList<>(
                List.of( // mutable: callers may add arguments
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")),
                    "dev.gitops.imagebuilder.Main")));
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("IBW_"));
    return builder;
  }

  /**
   * Starts Main with {@code extraEnv} on top of the pod-like settings; returns once it serves HTTP.
   */
  static MainProcess start(
      KubeApiServerExtension kube, ImageBuilderEmulator emu, Map<String, String> extraEnv)
      throws IOException {
    Path log = Files.createTempFile("main-process", ".log");
    var builder = builder().redirectErrorStream(true).redirectOutput(log.toFile());
    var env = builder.environment();
    env.put("KUBECONFIG", kube.kubeconfig().toString());
    env.put("AWS_REGION", emu.region());
    env.put("AWS_ENDPOINT_URL_IMAGEBUILDER", emu.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_STS", emu.endpoint().toString()); // the roles mappings name
    env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.SECRET_ACCESS_KEY);
    env.put("IBW_WATCH_NAMESPACES", kube.namespace());
    env.put("IBW_HTTP_PORT", "0");
    env.put("IBW_LEADER_ELECTION", "true");
    env.put("IBW_LEASE_NAMESPACE", kube.namespace());
    env.putAll(extraEnv);
    Process process = builder.start();
    var started = new AtomicReference<Matcher>();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      "Main exited " + process.exitValue() + ":\n" + Files.readString(log));
                }
                Matcher m = STARTED.matcher(Files.readString(log));
                return m.find() && started.compareAndSet(null, m);
              });
    } catch (RuntimeException | AssertionError e) {
      process.destroyForcibly();
      Files.deleteIfExists(log);
      throw e;
    }
    return new MainProcess(
        process, log, started.get().group(1), Integer.parseInt(started.get().group(2)));
  }

  Process process() {
    return process;
  }

  /** The Lease holder identity this replica uses. */
  String identity() {
    return identity;
  }

  /** Everything it has printed so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(log);
  }
}

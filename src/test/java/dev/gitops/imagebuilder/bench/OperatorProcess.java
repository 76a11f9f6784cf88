package dev.gitops.imagebuilder.bench;

import dev.gitops.imagebuilder.testing.ClassDataArchive;
import dev.gitops.imagebuilder.testing.DeploymentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its own JVM, started as the image starts it ({@code java
 * -XX:SharedArchiveFile=... -jar operator.jar}, the class-data archive recorded as the image build
 * records it) with the Deployment's environment and JVM options, {@code -XX:MaxRAM} set to the
 * Deployment's memory limit, and otherwise default settings. Reads its CPU time and peak RSS from
 * {@code /proc}.
 */
final class OperatorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target/imagebuilder-workflow-operator.jar");
  private static final Pattern STARTED =
      Pattern.compile("Operator started \\(identity ([^,]+), .*http port (\\d+)\\)");

  /** StartupReport's line, with the JSON log's timestamp in front of it. */
  private static final Pattern FIRST_RECONCILE =
      Pattern.compile(
          "\"time\":\"([^\"]+)\"[^\n]*First reconcile [0-9.]+ s after the JVM started"
              + " \\(([0-9.]+) CPU s\\)");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private static Path classDataArchive;

  private final Process process;
  private final Path log;
  private final long startedNanos;
  private final long startedEpochMillis;
  private final String identity;
  private final int port;
  private volatile boolean ended;

  private OperatorProcess(
      Process process,
      Path log,
      long startedNanos,
      long startedEpochMillis,
      String identity,
      int port) {
    this.process = process;
    this.log = log;
    this.startedNanos = startedNanos;
    this.startedEpochMillis = startedEpochMillis;
    this.identity = identity;
    this.port = port;
  }

  /**
   * Starts the operator watching {@code namespace} with {@code settings} (e.g. a drift interval)
   * and {@code jvmOptions} (e.g. a flight recording) on top of the Deployment's; returns once it
   * serves HTTP.
   */
  static OperatorProcess start(
      Path kubeconfig,
      String namespace,
      EmulatorProcess emulator,
      Map<String, String> settings,
      List<String> jvmOptions,
      Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run mvn -DskipTests package first");
    }
    DeploymentSettings deployment = DeploymentSettings.read();
    List<String> command = new ArrayList<>(List.of(EmulatorProcess.javaExecutable()));
    command.add(ClassDataArchive.use(classDataArchive()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("IBW_") || k.startsWith("JAVA_"));
    env.putAll(deployment.environment());
    env.put("JAVA_TOOL_OPTIONS", deployment.javaToolOptions());
    env.put("IBW_LEASE_NAMESPACE", namespace); // the Deployment's fieldRef: its own namespace
    env.put("IBW_WATCH_NAMESPACES", namespace);
    env.put("IBW_HTTP_PORT", "0");
    env.put("KUBECONFIG", kubeconfig.toString());
    env.putAll(emulator.awsEnvironment());
    env.putAll(settings);
    long startedNanos = System.nanoTime();
    long startedEpochMillis = System.currentTimeMillis();
    Process process = builder.start();
    long deadline = startedNanos + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the operator exited " + process.exitValue() + ":\n" + Files.readString(log));
      }
      Matcher m = STARTED.matcher(Files.readString(log));
      if (m.find()) {
        return new OperatorProcess(
            process,
            log,
            startedNanos,
            startedEpochMillis,
            m.group(1),
            Integer.parseInt(m.group(2)));
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the operator did not start within 120 s; see " + log);
  }

  /** Recorded from the jar once per harness run, as the image build records it. */
  private static synchronized Path classDataArchive() throws IOException, InterruptedException {
    if (classDataArchive == null) {
      classDataArchive =
          ClassDataArchive.record(JAR, JAR.resolveSibling("imagebuilder-workflow-operator.jsa"));
    }
    return classDataArchive;
  }

  long pid() {
    return process.pid();
  }

  String identity() {
    return identity;
  }

  long startedNanos() {
    return startedNanos;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Its Prometheus text, or empty while it does not answer. */
  String metrics() {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The sum of a metric's series that carry every one of {@code labels} ({@code key="value"}). */
  static double sum(String prometheusText, String name, String... labels) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      if ((line.startsWith(name + "{") || line.startsWith(name + " "))
          && Arrays.stream(labels).allMatch(line::contains)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * Resources this process has read from AWS so far: a drift check lists its version's builds once,
   * and nothing else does for a resource that holds its workflow. (JOSDK's count of successful
   * reconciles would also count those the pace sent away to come back later.)
   */
  double resourcesReadFromAws() {
    return sum(
        metrics(),
        "imagebuilder_aws_calls_total",
        "operation=\"ListWorkflowBuildVersions\"",
        "outcome=\"success\"");
  }

  /** From process start to the first reconcile, wall and the operator's own CPU. */
  record FirstReconcile(double seconds, double cpuSeconds) {}

  /**
   * The first reconcile as the operator logged it: its log line's timestamp against this process's
   * start, and the CPU the JVM reported. Read from the log, not scraped: a scrape is work for the
   * starting operator and came back late by up to 1.8 s while 5,000 resources were queued.
   */
  Optional<FirstReconcile> firstReconcile() {
    Matcher m = FIRST_RECONCILE.matcher(readLog());
    if (!m.find()) {
      return Optional.empty();
    }
    long loggedAt = Instant.parse(m.group(1)).toEpochMilli();
    return Optional.of(
        new FirstReconcile((loggedAt - startedEpochMillis) / 1e3, Double.parseDouble(m.group(2))));
  }

  private String readLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** User + system CPU seconds so far. */
  double cpuSeconds() {
    String stat = proc("stat");
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "pid (comm) ": state is field 0; utime and stime are fields 11 and 12
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
        / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** Peak resident set size (VmHWM). */
  long peakRssBytes() {
    for (String line : proc("status").split("\n")) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmHWM in /proc/" + pid() + "/status");
  }

  /** Heap in use right after a full GC (jcmd GC.run), from its JVM metrics. */
  long heapAfterFullGcBytes() throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()),
                "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid() + " GC.run failed");
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      double used = 0;
      boolean found = false;
      for (String line : metrics().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      if (found) {
        return (long) used;
      }
      Thread.sleep(1000); // a busy machine: its /metrics did not answer in time
    }
    throw new IllegalStateException("the operator's /metrics shows no heap figures");
  }

  private String proc(String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid()), file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code action} if the process exits on its own, not through {@link #kill} or {@link
   * #stop}.
   */
  void onOwnExit(Runnable action) {
    process
        .onExit()
        .thenRun(
            () -> {
              if (!ended) {
                action.run();
              }
            });
  }

  int exitCode() {
    return process.exitValue();
  }

  /** SIGKILL: no graceful stop, the Lease is not handed back. */
  void kill() throws InterruptedException {
    ended = true;
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, as a rolling update does; waits for the graceful stop. */
  void stop() throws InterruptedException {
    ended = true;
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}

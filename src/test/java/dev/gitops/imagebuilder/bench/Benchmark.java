package dev.gitops.imagebuilder.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench [--resources N[,N...]] [--only PHASE] [--steady DURATION] [--latency-samples
 * K] [--jfr]}: the operator against the account's rate limits, one fresh namespace, emulator and
 * operator per size, on the test cluster KUBECONFIG points at. Prints a table and writes {@code
 * target/bench/results.json}.
 */
public final class Benchmark {
  private static final Path OUT = Path.of("target/bench");

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    List<Integer> sizes = List.of(100, 1000, 5000);
    String only = null;
    Duration steady = Duration.ofMinutes(5);
    int latencySamples = 50;
    boolean jfr = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--resources" ->
            sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--only" -> only = args[++i];
        case "--steady" -> steady = Duration.parse("PT" + args[++i].toUpperCase());
        case "--latency-samples" -> latencySamples = Integer.parseInt(args[++i]);
        case "--jfr" -> jfr = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path kubeconfig = Path.of(System.getenv("KUBECONFIG"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("started", Instant.now().toString());
    report.put("machine", Machine.describe());
    List<Map<String, Object>> runs = new ArrayList<>();
    report.put("runs", runs);
    for (int size : sizes) {
      try (Stack stack =
          new Stack(kubeconfig, "bench-" + size + "-" + System.currentTimeMillis() % 100000, OUT)) {
        stack.operatorSettings(
            Map.of("IBW_DRIFT_CHECK_INTERVAL", BenchRun.DRIFT_INTERVAL.toSeconds() + "s"),
            jfr
                ? List.of(
                    "-XX:StartFlightRecording=filename="
                        + OUT.toAbsolutePath().resolve("operator-" + size + "-{n}.jfr")
                        + ",settings=profile")
                : List.of());
        stack.startOperator();
        System.out.printf(
            "[bench] %d resources in namespace %s%n%s", size, stack.namespace(), BenchTable.HEADER);
        List<PhaseResult> results = new BenchRun(stack, size).run(steady, latencySamples, only);
        runs.add(Map.of("resources", size, "phases", results));
        System.out.println();
        System.out.println(BenchTable.targets(size, results));
        write(report);
      }
    }
    System.out.println("[bench] results in " + OUT.resolve("results.json"));
    System.exit(0);
  }

  private static void write(Map<String, Object> report) throws Exception {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(OUT.resolve("results.json").toFile(), report);
  }
}

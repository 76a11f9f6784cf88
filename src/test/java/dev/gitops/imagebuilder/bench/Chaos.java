package dev.gitops.imagebuilder.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/chaos [--resources N] [--only SCENARIO[,SCENARIO...]]}: the chaos scenarios at
 * full size (300 resources each, 1,000 in the quiet one) against one emulator and operator on the
 * test cluster KUBECONFIG points at. Prints a table, writes {@code target/chaos/results.json} and
 * exits 1 when a scenario failed.
 */
public final class Chaos {
  private static final Path OUT = Path.of("target/chaos");

  private Chaos() {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ChaosScenarios.Size size = ChaosScenarios.Size.FULL;
    List<String> scenarios = ChaosScenarios.ALL;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--resources" -> {
          int n = Integer.parseInt(args[++i]);
          size =
              new ChaosScenarios.Size(
                  n,
                  size.edits(),
                  size.driftInterval(),
                  size.quietWindow(),
                  Math.max(n, size.quietResources()),
                  size.timeout());
        }
        case "--only" -> scenarios = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<ChaosOutcome> outcomes = new ArrayList<>();
    System.out.print(ChaosOutcome.HEADER);
    List<String> faults = scenarios.stream().filter(s -> !s.equals("quiet")).toList();
    if (!faults.isEmpty()) {
      outcomes.addAll(run(size, faults));
    }
    if (scenarios.contains("quiet")) {
      // its own namespace and operator: exactly the quiet fleet, none of the faults' resources
      outcomes.addAll(run(size, List.of("quiet")));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", Machine.describe());
    report.put("size", size);
    report.put("scenarios", outcomes);
    new ObjectMapper()
        .findAndRegisterModules()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(OUT.resolve("results.json").toFile(), report);
    System.out.println("[chaos] results in " + OUT.resolve("results.json"));
    System.exit(outcomes.stream().allMatch(ChaosOutcome::passed) ? 0 : 1);
  }

  /** The scenarios in order on one stack: one namespace, emulator and operator. */
  private static List<ChaosOutcome> run(ChaosScenarios.Size size, List<String> scenarios)
      throws Exception {
    List<ChaosOutcome> outcomes = new ArrayList<>();
    try (Stack stack =
        new Stack(
            Path.of(System.getenv("KUBECONFIG")),
            "chaos-" + System.currentTimeMillis() % 100000,
            OUT)) {
      stack.operatorSettings(ChaosScenarios.operatorSettings(size), List.of());
      stack.emulator().accountLimits(0);
      stack.startOperator();
      ChaosScenarios chaos = new ChaosScenarios(stack, size);
      for (String scenario : scenarios) {
        ChaosOutcome outcome = chaos.run(scenario);
        outcomes.add(outcome);
        System.out.print(outcome.row());
        outcome.problems().forEach(p -> System.out.println("    " + p));
      }
    }
    return outcomes;
  }
}

package dev.gitops.imagebuilder.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The benchmark's figures as Markdown tables: per phase, and against the targets. */
final class BenchTable {
  private BenchTable() {}

  static final String HEADER =
      "| N | phase | time s | × floor | failed | AWS calls/res | 429s | Create/build | API writes/res | other writes | CPU s | peak RSS MiB | heap after GC MiB | more |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

  static String phases(List<PhaseResult> results) {
    StringBuilder out = new StringBuilder(HEADER);
    results.forEach(r -> out.append(row(r)));
    return out.toString();
  }

  static String row(PhaseResult r) {
    return String.format(
        "| %d | %s | %s | %s | %d | %.2f | %d | %s | %.2f | %s | %.1f | %.0f | %s | %s |%n",
        r.resources(),
        r.phase(),
        fmt(r.seconds(), "%.1f"),
        fmt(r.ratio(), "%.2f"),
        r.failed(),
        r.awsCallsPerResource(),
        r.throttled(),
        fmt(r.createCallsPerBuild(), "%.2f"),
        r.apiWritesPerResource(),
        r.otherApiWrites(),
        r.cpuSeconds(),
        r.peakRssMiB(),
        fmt(r.heapAfterGcMiB(), "%.0f"),
        more(r.extra()));
  }

  /** The targets beside the figures, marked met or not met. */
  static String targets(int size, List<PhaseResult> results) {
    StringBuilder out = new StringBuilder("| N | target | figure | |\n|---|---|---|---|\n");
    for (String phase : List.of("create", "bump", "content")) {
      find(results, phase)
          .ifPresent(
              r -> {
                row(
                    out,
                    size,
                    phase + ": all Ready ≤ 1.15 × floor (N/20 s), 0 failed",
                    fmt(r.ratio(), "%.2f ×") + ", " + r.failed() + " failed",
                    r.ratio() != null && r.ratio() <= 1.15 && r.failed() == 0);
                if (r.createCallsPerBuild() != null) {
                  row(
                      out,
                      size,
                      phase + ": ≤ 1.05 CreateWorkflow calls per build",
                      fmt(r.createCallsPerBuild(), "%.2f"),
                      r.createCallsPerBuild() <= 1.05);
                }
              });
    }
    find(results, "create")
        .ifPresent(
            r ->
                row(
                    out,
                    size,
                    "create: ≤ 2 API server writes per new resource",
                    fmt(r.apiWritesPerResource(), "%.2f"),
                    r.apiWritesPerResource() <= 2));
    find(results, "steady")
        .ifPresent(
            r -> {
              double writes = r.apiWritesPerResource() * r.resources();
              row(
                  out,
                  size,
                  "steady: 0 API server writes (workflows)",
                  fmt(writes, "%.0f"),
                  writes == 0);
              double reads = r.extra().get("readsPerResourcePerInterval");
              row(
                  out,
                  size,
                  "steady: ≤ 1 AWS read per resource per drift interval",
                  fmt(reads, "%.2f"),
                  reads <= 1);
              row(
                  out,
                  size,
                  "steady: 0 AWS writes",
                  fmt(r.extra().get("awsWrites"), "%.0f"),
                  r.extra().get("awsWrites") == 0);
              long limit = size <= 1000 ? 200 : 300;
              if (size == 1000 || size == 5000) {
                row(
                    out,
                    size,
                    "peak RSS ≤ " + limit + " MiB",
                    fmt(r.peakRssMiB(), "%.0f MiB"),
                    r.peakRssMiB() <= limit);
              }
            });
    find(results, "restart")
        .ifPresent(
            r -> {
              double first = r.extra().get("startToFirstReconcileSeconds");
              row(
                  out,
                  size,
                  "start → first reconcile ≤ 3 s (median of " + (BenchRun.QUICK_STARTS + 1) + ")",
                  String.format(
                      "%.2f s (%.2f–%.2f)",
                      first,
                      r.extra().get("startToFirstReconcileMinSeconds"),
                      r.extra().get("startToFirstReconcileMaxSeconds")),
                  first <= 3);
              row(
                  out,
                  size,
                  "restart: all re-verified ≤ 1.1 × read floor (N/50 s)",
                  fmt(r.ratio(), "%.2f ×"),
                  r.ratio() != null && r.ratio() <= 1.1);
            });
    find(results, "latency")
        .ifPresent(
            r -> {
              double p50 = r.extra().get("p50BeyondEmulatorMillis");
              double p99 = r.extra().get("p99BeyondEmulatorMillis");
              row(
                  out,
                  size,
                  "apply → Ready p50 ≤ 150 ms beyond the emulator",
                  fmt(p50, "%.0f ms"),
                  p50 <= 150);
              row(
                  out,
                  size,
                  "apply → Ready p99 ≤ 1 s beyond the emulator",
                  fmt(p99, "%.0f ms"),
                  p99 <= 1000);
            });
    return out.toString();
  }

  private static void row(StringBuilder out, int size, String target, String figure, boolean met) {
    out.append(
        String.format(
            "| %d | %s | %s | %s |%n", size, target, figure, met ? "met" : "**not met**"));
  }

  private static Optional<PhaseResult> find(List<PhaseResult> results, String phase) {
    return results.stream()
        .filter(((Predicate<PhaseResult>) r -> r.phase().equals(phase)))
        .findFirst();
  }

  private static String fmt(Double value, String format) {
    return value == null ? "–" : String.format(format, value);
  }

  private static String more(Map<String, Double> extra) {
    StringBuilder s = new StringBuilder();
    extra.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format("%.2f", v)));
    return s.toString();
  }
}

package dev.gitops.imagebuilder.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one benchmark phase. Times are from the first apply; per-resource figures divide
 * by {@code resources}. Fields that do not apply to a phase are null.
 *
 * @param awsCalls calls per operation, every outcome (429s included)
 * @param throttled calls answered 429
 * @param createCallsPerBuild CreateWorkflow calls per build that appeared in the emulator
 * @param apiWritesPerResource the operator's writes to the workflow resources (finalizer and
 *     status), per resource
 * @param otherApiWrites the operator's other writes (events, leases)
 */
record PhaseResult(
    String phase,
    int resources,
    Double seconds,
    Double floorSeconds,
    int failed,
    long stalled,
    Map<String, Long> awsCalls,
    long throttled,
    long newBuilds,
    Double createCallsPerBuild,
    double apiWritesPerResource,
    Map<String, Long> otherApiWrites,
    double cpuSeconds,
    double peakRssMiB,
    Double heapAfterGcMiB,
    Map<String, Double> extra) {

  Double ratio() {
    return seconds == null || floorSeconds == null ? null : seconds / floorSeconds;
  }

  double awsCallsPerResource() {
    return awsCalls.values().stream().mapToLong(Long::longValue).sum() / (double) resources;
  }

  /** The figures every phase has; heap and phase-specific ones are added where measured. */
  static final class Builder {
    private final PhaseResult base;
    private Double heap;
    private final Map<String, Double> extra = new LinkedHashMap<>();

    Builder(
        String phase,
        int resources,
        Double seconds,
        Double floorSeconds,
        int failed,
        long stalled,
        Map<String, Long> awsCalls,
        long throttled,
        long newBuilds,
        Double createCallsPerBuild,
        double apiWritesPerResource,
        Map<String, Long> otherApiWrites,
        double cpuSeconds,
        double peakRssMiB) {
      base =
          new PhaseResult(
              phase,
              resources,
              seconds,
              floorSeconds,
              failed,
              stalled,
              awsCalls,
              throttled,
              newBuilds,
              createCallsPerBuild,
              apiWritesPerResource,
              otherApiWrites,
              cpuSeconds,
              peakRssMiB,
              null,
              Map.of());
    }

    Builder heap(double mib) {
      heap = mib;
      return this;
    }

    /** Adds phase-specific figures. */
    Builder extra(Map<String, Double> figures) {
      extra.putAll(figures);
      return this;
    }

    PhaseResult build() {
      PhaseResult b = base;
      return new PhaseResult(
          b.phase,
          b.resources,
          b.seconds,
          b.floorSeconds,
          b.failed,
          b.stalled,
          b.awsCalls,
          b.throttled,
          b.newBuilds,
          b.createCallsPerBuild,
          b.apiWritesPerResource,
          b.otherApiWrites,
          b.cpuSeconds,
          b.peakRssMiB,
          heap,
          extra);
    }
  }
}

package dev.gitops.imagebuilder.bench;

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
}

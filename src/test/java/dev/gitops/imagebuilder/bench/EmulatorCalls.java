package dev.gitops.imagebuilder.bench;

import java.util.Map;
import java.util.TreeMap;

/** Arithmetic on the emulator's call counters (operation → outcome → count). */
final class EmulatorCalls {
  static final String THROTTLED = "CallRateLimitExceededException";

  private EmulatorCalls() {}

  /** Calls per operation, every outcome, made between two readings. */
  static Map<String, Long> delta(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Long> calls = new TreeMap<>();
    after.forEach(
        (op, outcomes) -> {
          long d = total(outcomes) - total(before.getOrDefault(op, Map.of()));
          if (d > 0) {
            calls.put(op, d);
          }
        });
    return calls;
  }

  /** Calls answered 429 between two readings. */
  static long throttled(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    return outcome(after, THROTTLED) - outcome(before, THROTTLED);
  }

  static long reads(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(e -> isRead(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static long writes(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(e -> !isRead(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static boolean isRead(String operation) {
    return operation.startsWith("Get") || operation.startsWith("List");
  }

  private static long total(Map<String, Long> outcomes) {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long outcome(Map<String, Map<String, Long>> counts, String outcome) {
    return counts.values().stream().mapToLong(o -> o.getOrDefault(outcome, 0L)).sum();
  }
}

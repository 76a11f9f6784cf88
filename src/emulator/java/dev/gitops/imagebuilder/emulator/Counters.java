package dev.gitops.imagebuilder.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls per operation and outcome ({@code ok} or the error type, e.g. {@code
 * ResourceInUseException}).
 */
public final class Counters {

  public static final String OK = "ok";

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  void record(String operation, String outcome) {
    counts.computeIfAbsent(operation + " " + outcome, k -> new LongAdder()).increment();
  }

  public long get(String operation, String outcome) {
    LongAdder adder = counts.get(operation + " " + outcome);
    return adder == null ? 0 : adder.sum();
  }

  /** Total calls of one operation, whatever the outcome. */
  public long total(String operation) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(operation + " "))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /** operation → outcome → count, sorted. */
  public Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    counts.forEach(
        (key, adder) -> {
          int space = key.indexOf(' ');
          result
              .computeIfAbsent(key.substring(0, space), k -> new TreeMap<>())
              .put(key.substring(space + 1), adder.sum());
        });
    return result;
  }

  public void reset() {
    counts.clear();
  }
}

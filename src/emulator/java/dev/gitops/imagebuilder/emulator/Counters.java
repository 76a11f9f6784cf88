package dev.gitops.imagebuilder.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls per account, operation and outcome ({@code ok} or the error type, e.g. {@code
 * ResourceInUseException}). The emulator's own instance answers for every account; {@link
 * #forAccount} is a live view of the calls made with one account's credentials (calls refused
 * before their access key was known count in no account, only in the whole).
 */
public final class Counters {

  public static final String OK = "ok";

  private record Key(String account, String operation, String outcome) {}

  private final ConcurrentHashMap<Key, LongAdder> counts;
  private final String account; // null: every account

  public Counters() {
    this(new ConcurrentHashMap<>(), null);
  }

  private Counters(ConcurrentHashMap<Key, LongAdder> counts, String account) {
    this.counts = counts;
    this.account = account;
  }

  /** The calls made with {@code account}'s credentials, as they are counted from now on too. */
  public Counters forAccount(String accountId) {
    return new Counters(counts, Objects.requireNonNull(accountId));
  }

  void record(String callerAccount, String operation, String outcome) {
    counts
        .computeIfAbsent(new Key(callerAccount, operation, outcome), k -> new LongAdder())
        .increment();
  }

  public long get(String operation, String outcome) {
    return sum(operation, outcome);
  }

  /** Total calls of one operation, whatever the outcome. */
  public long total(String operation) {
    return sum(operation, null);
  }

  /** operation → outcome → count, sorted. */
  public Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> result = new TreeMap<>();
    counts.forEach(
        (key, adder) -> {
          if (counted(key)) {
            result
                .computeIfAbsent(key.operation(), k -> new TreeMap<>())
                .merge(key.outcome(), adder.sum(), Long::sum);
          }
        });
    return result;
  }

  /** Forgets every count, of every account (also when called on a view). */
  public void reset() {
    counts.clear();
  }

  private long sum(String operation, String outcome) {
    return counts.entrySet().stream()
        .filter(
            e ->
                counted(e.getKey())
                    && e.getKey().operation().equals(operation)
                    && (outcome == null || e.getKey().outcome().equals(outcome)))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  private boolean counted(Key key) {
    return account == null || account.equals(key.account());
  }
}

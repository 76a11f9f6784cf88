package dev.gitops.imagebuilder.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Per resource (by uid), in memory: when the next AWS attempt may happen after a failure or
 * conflict. Exponential backoff with jitter, capped at {@link #CAP}; a wait ends early when the
 * resource's {@link DesiredWorkflow#fingerprint() fingerprint} changes (the user fixed something).
 * Lost on restart, which costs at most one early retry.
 */
public final class RetryMemory {
  static final Duration CAP = Duration.ofMinutes(5);
  static final Duration FAST = Duration.ofSeconds(1);
  static final Duration SLOW = Duration.ofSeconds(30);

  /**
   * How quickly to retry: transient failures fast, access and quota problems slowly, a resource in
   * use at the drift check interval (the reconciler's schedule, not this backoff).
   */
  public enum Pace {
    FAST,
    SLOW,
    DRIFT
  }

  private record Entry(String fingerprint, int failures, Instant notBefore) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final RandomGenerator random;

  public RetryMemory(RandomGenerator random) {
    this.random = random;
  }

  /** How long the resource must still wait, if it must. */
  public Optional<Duration> waitRemaining(String uid, String fingerprint, Instant now) {
    Entry entry = entries.get(uid);
    if (entry == null
        || !entry.fingerprint().equals(fingerprint)
        || !now.isBefore(entry.notBefore())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, entry.notBefore()));
  }

  /** Whether the resource waits for a change of its fingerprint (after a terminal error). */
  public boolean parked(String uid, String fingerprint) {
    Entry entry = entries.get(uid);
    return entry != null
        && entry.fingerprint().equals(fingerprint)
        && entry.notBefore().equals(Instant.MAX);
  }

  /** How many failures in a row this attempt would make (1 for the first). */
  public int attempt(String uid, String fingerprint) {
    Entry previous = entries.get(uid);
    return previous != null && previous.fingerprint().equals(fingerprint)
        ? previous.failures() + 1
        : 1;
  }

  /** Records one more failure and returns the delay before the next attempt. */
  public Duration failed(String uid, String fingerprint, Pace pace, Instant now) {
    int failures = attempt(uid, fingerprint);
    Duration delay = backoff(failures, pace == Pace.FAST ? FAST : SLOW);
    entries.put(uid, new Entry(fingerprint, failures, now.plus(delay)));
    return delay;
  }

  /** No retry until the fingerprint changes (terminal errors). */
  public void parkUntilChanged(String uid, String fingerprint) {
    entries.put(uid, new Entry(fingerprint, 0, Instant.MAX));
  }

  /**
   * No retry before {@code delay} unless the fingerprint changes (conflicts are re-checked slowly).
   */
  public void park(String uid, String fingerprint, Duration delay, Instant now) {
    entries.put(uid, new Entry(fingerprint, 0, now.plus(delay)));
  }

  public void forget(String uid) {
    entries.remove(uid);
  }

  /** "Equal jitter": half the exponential delay fixed, half random, never above the cap. */
  Duration backoff(int failures, Duration base) {
    long exponential = base.toMillis() << Math.min(failures - 1, 20);
    long capped = Math.min(exponential, CAP.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + random.nextLong(half + 1));
  }
}

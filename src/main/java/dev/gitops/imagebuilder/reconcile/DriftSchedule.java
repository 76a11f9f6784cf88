package dev.gitops.imagebuilder.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * When each up-to-date resource (by uid) is next compared with AWS: at most one read per resource
 * per interval, jittered by ±10% so resources created together do not check together. In memory
 * only: after a restart every resource is checked once.
 */
public final class DriftSchedule {
  private final Duration interval;
  private final RandomGenerator random;
  private final Map<String, Instant> nextCheck = new ConcurrentHashMap<>();

  public DriftSchedule(Duration interval, RandomGenerator random) {
    this.interval = interval;
    this.random = random;
  }

  public boolean due(String uid, Instant now) {
    Instant next = nextCheck.get(uid);
    return next == null || !now.isBefore(next);
  }

  /** Records a check made now; returns the delay until the next one. */
  public Duration checked(String uid, Instant now) {
    Duration delay = jittered();
    nextCheck.put(uid, now.plus(delay));
    return delay;
  }

  public Duration remaining(String uid, Instant now) {
    Instant next = nextCheck.get(uid);
    return next == null ? Duration.ZERO : Duration.between(now, next);
  }

  public Duration interval() {
    return interval;
  }

  public void forget(String uid) {
    nextCheck.remove(uid);
  }

  private Duration jittered() {
    long millis = interval.toMillis();
    long spread = millis / 10;
    return Duration.ofMillis(millis - spread + random.nextLong(2 * spread + 1));
  }
}

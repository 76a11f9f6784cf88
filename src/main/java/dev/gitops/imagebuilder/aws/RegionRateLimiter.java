package dev.gitops.imagebuilder.aws;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces the calls to one region evenly at the configured rate, shared by all reconciler threads. A
 * 429 doubles the spacing (up to {@link #MAX_INTERVAL_NANOS}), at most once per current spacing so
 * that a burst of 429s from concurrent callers counts as one signal; each success shrinks it back
 * by a tenth towards the configured rate.
 */
public final class RegionRateLimiter {
  static final long MAX_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Waits; a seam so tests can run on a fake clock. */
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long baseIntervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long intervalNanos;
  private long nextSlot;
  private long lastSlowdown;

  public RegionRateLimiter(double callsPerSecond) {
    this(callsPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  RegionRateLimiter(double callsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(callsPerSecond > 0)) {
      throw new IllegalArgumentException(
          "calls per second must be positive, got " + callsPerSecond);
    }
    this.baseIntervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / callsPerSecond);
    this.intervalNanos = baseIntervalNanos;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.nextSlot = nanoTime.getAsLong();
    this.lastSlowdown = nextSlot - MAX_INTERVAL_NANOS;
  }

  /** Blocks until this caller's slot. */
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }

  public synchronized void onThrottled() {
    long now = nanoTime.getAsLong();
    if (now - lastSlowdown >= intervalNanos) {
      intervalNanos = Math.min(Math.max(intervalNanos * 2, 1), MAX_INTERVAL_NANOS);
      lastSlowdown = now;
    }
    nextSlot = Math.max(nextSlot, now + intervalNanos);
  }

  public synchronized void onSuccess() {
    intervalNanos = Math.max(baseIntervalNanos, intervalNanos - intervalNanos / 10);
  }

  synchronized long intervalNanos() {
    return intervalNanos;
  }
}

package dev.gitops.imagebuilder.emulator;

/**
 * A classic token bucket: {@code burst} tokens, refilled at {@code perSecond}; a call without a
 * token is throttled.
 */
final class TokenBucket {

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  TokenBucket(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = System.nanoTime();
  }

  synchronized boolean tryTake() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}

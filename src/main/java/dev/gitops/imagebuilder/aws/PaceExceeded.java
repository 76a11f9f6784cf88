package dev.gitops.imagebuilder.aws;

import java.time.Duration;

/**
 * A call the region's pace did not admit soon enough, so it was never sent: the caller hands its
 * thread back and comes back after {@link #retryAfter()}.
 */
final class PaceExceeded extends RuntimeException {
  private final Duration retryAfter;

  PaceExceeded(String operation, Duration retryAfter) {
    super(
        operation
            + " waits for its turn at the region's pace; next slot in "
            + retryAfter.toMillis()
            + " ms",
        null,
        false,
        false);
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}

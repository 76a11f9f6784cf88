package dev.gitops.imagebuilder.aws;

/** How a call takes its turn at the pace of its operation ({@link Pacing}). */
enum Turn {
  /** Waits in place for a short while at most, else is sent away to come back later. */
  WAIT,
  /** Its turn was taken ahead of it ({@link Pacing#takeTurn}): sent at once. */
  TAKEN,
  /**
   * A periodic check of a resource that is up to date: admitted only while hardly anyone waits, so
   * that checks never hold up the calls of resources whose spec changed.
   */
  YIELD
}

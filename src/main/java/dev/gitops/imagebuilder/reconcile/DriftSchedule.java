package dev.gitops.imagebuilder.reconcile;

import java.time.Duration;

/**
 * When an up-to-date resource is next compared with AWS: the drift interval is the shortest wait,
 * jittered up by up to 10% so that resources created together do not check together, and so that a
 * resource costs at most one read per interval (JOSDK's maximum reconciliation interval, {@link
 * #backstop}, is longer still). Pure.
 */
public final class DriftSchedule {
  private DriftSchedule() {}

  /**
   * @param jitter a random draw in [0, 1)
   */
  public static Duration next(Duration interval, double jitter) {
    long millis = interval.toMillis();
    return Duration.ofMillis(millis + (long) (jitter * (millis / 10)));
  }

  /**
   * The longest a resource goes unreconciled, also after JOSDK's retries for an unexpected failure
   * ran out: past the last jittered drift check.
   */
  public static Duration backstop(Duration interval) {
    return interval.plus(interval.dividedBy(10));
  }
}

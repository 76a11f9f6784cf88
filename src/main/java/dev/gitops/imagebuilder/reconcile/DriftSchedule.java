package dev.gitops.imagebuilder.reconcile;

import java.time.Duration;

/**
 * When an up-to-date resource is next compared with AWS: within the drift interval, jittered down
 * by up to 10% so resources created together do not check together (JOSDK's maximum reconciliation
 * interval, set to the interval itself, is the backstop). Pure.
 */
public final class DriftSchedule {
  private DriftSchedule() {}

  /**
   * @param jitter a random draw in [0, 1)
   */
  public static Duration next(Duration interval, double jitter) {
    long millis = interval.toMillis();
    return Duration.ofMillis(millis - (long) (jitter * (millis / 10)));
  }
}

package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftScheduleTest {
  @Test
  void oneCheckPerJitteredInterval() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    DriftSchedule drift = new DriftSchedule(Duration.ofMinutes(10), new SplittableRandom(7));
    assertThat(drift.due("uid", now)).isTrue();
    Duration next = drift.checked("uid", now);
    assertThat(next).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
    assertThat(drift.due("uid", now.plus(next).minusMillis(1))).isFalse();
    assertThat(drift.remaining("uid", now)).isEqualTo(next);
    assertThat(drift.due("uid", now.plus(next))).isTrue();
  }
}

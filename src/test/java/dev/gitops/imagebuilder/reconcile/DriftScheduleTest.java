package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftScheduleTest {
  @ParameterizedTest(name = "interval {0}, jitter {1} -> {2}")
  @CsvSource({"10m, 0.0, 600s", "10m, 0.5, 570s", "10m, 0.999, 540.06s", "2s, 0.5, 1.9s"})
  void nextCheckIsWithinTheIntervalJitteredDownByUpToATenth(
      String interval, double jitter, String expected) {
    Duration next = DriftSchedule.next(Duration.parse("PT" + interval), jitter);
    assertThat(next).isEqualTo(Duration.parse("PT" + expected));
  }
}

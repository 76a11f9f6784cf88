package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftScheduleTest {
  @ParameterizedTest(name = "interval {0}, jitter {1} -> {2}")
  @CsvSource({"10m, 0.0, 600s", "10m, 0.5, 630s", "10m, 0.999, 659.94s", "2s, 0.5, 2.1s"})
  void nextCheckIsAfterTheIntervalJitteredUpByUpToATenth(
      String interval, double jitter, String expected) {
    Duration next = DriftSchedule.next(Duration.parse("PT" + interval), jitter);
    assertThat(next).isEqualTo(Duration.parse("PT" + expected));
  }

  @ParameterizedTest(name = "interval {0}: backstop {1}")
  @CsvSource({"10m, 660s", "30s, 33s"})
  void theBackstopComesAfterEveryJitteredCheck(String interval, String expected) {
    Duration drift = Duration.parse("PT" + interval);
    assertThat(DriftSchedule.backstop(drift))
        .isEqualTo(Duration.parse("PT" + expected))
        .isGreaterThanOrEqualTo(DriftSchedule.next(drift, 0.999999));
  }
}

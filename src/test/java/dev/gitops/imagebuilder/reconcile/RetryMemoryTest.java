package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryMemoryTest {
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void backoffGrowsWithJitterAndStopsAtFiveMinutes() {
    RetryMemory memory = new RetryMemory(new SplittableRandom(1));
    Duration previousMax = Duration.ZERO;
    for (int failures = 1; failures <= 15; failures++) {
      Duration delay = memory.backoff(failures, RetryMemory.FAST);
      Duration max = Duration.ofSeconds(1L << Math.min(failures - 1, 20));
      Duration cap = max.compareTo(RetryMemory.CAP) > 0 ? RetryMemory.CAP : max;
      assertThat(delay).isBetween(cap.dividedBy(2), cap);
      assertThat(cap).isGreaterThanOrEqualTo(previousMax);
      previousMax = cap;
    }
    assertThat(memory.backoff(40, RetryMemory.SLOW)).isLessThanOrEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void waitEndsWhenTheFingerprintChanges() {
    RetryMemory memory = new RetryMemory(new SplittableRandom(1));
    Duration delay = memory.failed("uid", "g1", RetryMemory.Pace.SLOW, now);
    assertThat(memory.waitRemaining("uid", "g1", now)).contains(delay);
    assertThat(memory.waitRemaining("uid", "g2", now)).isEmpty();
    assertThat(memory.waitRemaining("uid", "g1", now.plus(delay))).isEmpty();
  }

  @Test
  void terminalParksUntilChangeAndConsecutiveFailuresCount() {
    RetryMemory memory = new RetryMemory(new SplittableRandom(1));
    memory.parkUntilChanged("uid", "g1");
    assertThat(memory.parked("uid", "g1")).isTrue();
    assertThat(memory.parked("uid", "g2")).isFalse();
    Duration first = memory.failed("uid", "g2", RetryMemory.Pace.SLOW, now);
    Duration later = Duration.ZERO;
    for (int i = 0; i < 6; i++) {
      later = memory.failed("uid", "g2", RetryMemory.Pace.SLOW, now);
    }
    assertThat(later).isGreaterThan(first);
    memory.forget("uid");
    assertThat(memory.waitRemaining("uid", "g2", now)).isEmpty();
  }
}

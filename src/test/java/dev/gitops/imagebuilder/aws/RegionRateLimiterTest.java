package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the limiter on a fake clock: sleeping advances time. */
class RegionRateLimiterTest {
  private long now = 1_000_000_000L;
  private final List<Long> sleeps = new ArrayList<>();
  private final RegionRateLimiter limiter =
      new RegionRateLimiter(
          10,
          () -> now,
          nanos -> {
            sleeps.add(nanos);
            now += nanos;
          });

  @Test
  void spacesCallsAtTheConfiguredRate() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      limiter.acquire();
    }
    assertThat(sleeps).hasSize(4).allMatch(n -> n == TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void throttlingSlowsDownAndSuccessRecovers() throws InterruptedException {
    limiter.acquire();
    limiter.onThrottled();
    limiter.acquire();
    limiter.onThrottled();
    assertThat(limiter.intervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    limiter.acquire();
    assertThat(sleeps.get(sleeps.size() - 1))
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    for (int i = 0; i < 100; i++) {
      limiter.onSuccess();
    }
    assertThat(limiter.intervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void aBurstOf429sFromConcurrentCallersCountsOnce() {
    for (int i = 0; i < 5; i++) {
      limiter.onThrottled();
    }
    assertThat(limiter.intervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void slowdownIsCapped() throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      limiter.acquire();
      limiter.onThrottled();
    }
    assertThat(limiter.intervalNanos()).isEqualTo(RegionRateLimiter.MAX_INTERVAL_NANOS);
  }
}

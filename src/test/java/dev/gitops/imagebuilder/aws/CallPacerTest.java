package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pace on a fake clock: admission, promises, slow start, cubic recovery, ceiling. */
class CallPacerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private long now = 1_000_000 * MS;

  @Test
  void admitsAtThePaceAndSendsLaterCallersAwayWithSpreadOutPromises() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    pacer.onThrottled(now); // past slow start: 8 calls/s, slots 125 ms apart
    assertThat(pacer.rate()).isEqualTo(8.0);
    now += 1_000 * MS;
    // a wait up to 250 ms is taken in place
    assertThat(pacer.admit(now, false)).isEqualTo(new CallPacer.Admission(true, 0));
    assertThat(pacer.admit(now, false)).isEqualTo(new CallPacer.Admission(true, 125 * MS));
    assertThat(pacer.admit(now, false)).isEqualTo(new CallPacer.Admission(true, 250 * MS));
    CallPacer.Admission first = pacer.admit(now, false);
    CallPacer.Admission second = pacer.admit(now, false);
    assertThat(first.admitted()).isFalse();
    assertThat(second.admitted()).isFalse();
    // promised a quarter faster than the pace: 100 ms apart, from the last slot given
    assertThat(first.nanos()).isEqualTo(475 * MS);
    assertThat(second.nanos() - first.nanos()).isEqualTo(100 * MS);
  }

  @Test
  void aCallerThatYieldsIsSentAwayWhereOthersWouldWait() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now); // 10/s: slots 100 ms apart
    assertThat(pacer.admit(now, false).nanos()).isZero();
    assertThat(pacer.admit(now, true).admitted()).isFalse(); // the next slot is 100 ms away
    assertThat(pacer.admit(now, false)).isEqualTo(new CallPacer.Admission(true, 100 * MS));
    now += 150 * MS; // the next slot is 50 ms away
    assertThat(pacer.admit(now, true)).isEqualTo(new CallPacer.Admission(true, 50 * MS));
  }

  @Test
  void promisesToCallersThatYieldNeverPushTheOthersBack() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    pacer.onThrottled(now); // past slow start: 8 calls/s
    now += 1_000 * MS;
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.admit(now, false).admitted()).isTrue(); // slots until 375 ms are taken
    }
    long yielding = 0;
    for (int i = 0; i < 100; i++) {
      yielding = pacer.admit(now, true).nanos();
    }
    assertThat(yielding).isEqualTo(375 * MS + 100 * 100 * MS); // their own line, 100 ms apart
    assertThat(pacer.admit(now, false).nanos()).isEqualTo(475 * MS); // first in its line
  }

  @Test
  void promisesMadeInSlowStartCountOnThePaceDoublingEachSecond() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    long previousGap = Long.MAX_VALUE;
    long last = 0;
    for (int i = 0; i < 1_000; i++) {
      long promised = pacer.promise(now);
      long gap = promised - last;
      assertThat(gap).isPositive().isLessThanOrEqualTo(previousGap);
      previousGap = gap;
      last = promised;
    }
    // at the present 10 calls/s (12.5 with the quarter ahead) a thousand would wait 80 s
    assertThat(last).isBetween(5_000 * MS, 8_000 * MS);
  }

  @Test
  void promisesNeverCountOnMoreThanTheCeiling() {
    CallPacer pacer = new CallPacer(20, now);
    long last = pacer.promise(now);
    long gap = 0;
    for (int i = 1; i < 100; i++) {
      long promised = pacer.promise(now);
      gap = promised - last;
      assertThat(gap).isGreaterThanOrEqualTo(50 * MS); // 20 calls/s at most
      last = promised;
    }
    assertThat(gap).isEqualTo(50 * MS);
  }

  @Test
  void slowStartDoublesThePaceEachSecondWhileCallersQueue() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    double before = pacer.rate();
    busySecond(pacer);
    assertThat(pacer.rate()).isBetween(1.9 * before, 2.1 * before);
  }

  @Test
  void aPaceNobodyNeedsDoesNotGrow() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    for (int i = 0; i < 100; i++) {
      now += 2_000 * MS; // one call every two seconds: never queued
      assertThat(pacer.admit(now, false).nanos()).isZero();
      pacer.onSuccess(now);
    }
    assertThat(pacer.rate()).isEqualTo(CallPacer.START);
  }

  @Test
  void aPaceTheCallersUseLessThanHalfOfDoesNotGrow() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    for (int i = 0;
        i < 10;
        i++) { // two callers at once every 500 ms: 4 calls/s, one of them queued
      for (int caller = 0; caller < 2; caller++) {
        CallPacer.Admission admission = pacer.admit(now, false);
        assertThat(admission.admitted()).isTrue();
        pacer.onSuccess(now + admission.nanos());
      }
      now += 500 * MS;
    }
    // it grew in the first second, before it knew how much of it was used; not since
    assertThat(pacer.rate()).isLessThan(CallPacer.START + 3);
  }

  @Test
  void aBurstOf429sCutsThePaceOnceThenItRecoversToWhatTheServiceAnsweredThenProbesFurther() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    busySecond(pacer);
    int answered = busySecond(pacer);
    double throttledAt = pacer.rate();
    pacer.onThrottled(now);
    double cut = pacer.rate();
    pacer.onThrottled(now + 10 * MS); // the same burst
    assertThat(pacer.rate()).isEqualTo(cut).isLessThanOrEqualTo(throttledAt * 0.8);
    busySecond(pacer);
    busySecond(pacer);
    assertThat(pacer.rate()).isGreaterThan(cut).isCloseTo(answered, withPercentage(5));
    for (int i = 0; i < 4; i++) {
      busySecond(pacer);
    }
    assertThat(pacer.rate())
        .as("near the pace of the 429s for four seconds: the bucket they emptied refills")
        .isLessThan(throttledAt * 1.05);
    for (int i = 0; i < 4; i++) {
      busySecond(pacer);
    }
    assertThat(pacer.rate())
        .as("then probing past what was answered and past the pace of the 429s")
        .isGreaterThan(answered * 1.15)
        .isGreaterThan(throttledAt);
  }

  @Test
  void afterACutToTheRateTheServiceAnsweredThePaceStaysLevelBeforeProbingPastIt() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    for (int i = 0; i < 3; i++) {
      busySecond(pacer);
    }
    // the service lets every other call through: the limit is half the pace
    int answered = busySecond(pacer, 2);
    double paced = pacer.rate();
    pacer.onThrottled(now);
    double limit = pacer.rate();
    assertThat(limit).isCloseTo(answered, withPercentage(5)).isLessThan(paced * 0.6);

    busySecond(pacer);
    assertThat(pacer.rate()).as("level for the first second").isCloseTo(limit, withPercentage(2));
    for (int i = 0; i < 11; i++) {
      busySecond(pacer);
    }
    assertThat(pacer.rate()).as("then probing").isGreaterThan(limit * 1.3);
  }

  @Test
  void oneBurstOf429sFindsALimitFarBelowThePace() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    // the service answers one call a second, whatever the pace admits
    long lastAnswer = now;
    long end = now + 2_000 * MS;
    while (now < end) {
      CallPacer.Admission admission = pacer.admit(now, false);
      now += admission.admitted() ? admission.nanos() : admission.nanos() / 4;
      if (admission.admitted() && now - lastAnswer >= 1_000 * MS) {
        pacer.onSuccess(now);
        lastAnswer = now;
      }
    }
    pacer.onThrottled(now);
    assertThat(pacer.rate()).isBetween(CallPacer.FLOOR, 1.1);
  }

  @Test
  void repeated429sBringThePaceDownToTheFloorAndNoFurther() {
    CallPacer pacer = new CallPacer(Double.POSITIVE_INFINITY, now);
    for (int i = 0; i < 60; i++) {
      now += 10_000 * MS;
      pacer.onThrottled(now);
    }
    assertThat(pacer.rate()).isEqualTo(CallPacer.FLOOR);
    assertThat(pacer.atFloor()).isTrue();
  }

  @Test
  void theCeilingCapsThePace() {
    CallPacer pacer = new CallPacer(4, now);
    assertThat(pacer.rate()).isEqualTo(4);
    for (int i = 0; i < 5; i++) {
      busySecond(pacer);
    }
    assertThat(pacer.rate()).isEqualTo(4);
    assertThatThrownBy(() -> new CallPacer(0, now)).isInstanceOf(IllegalArgumentException.class);
  }

  /** One second of callers queueing, every admitted call answering at its slot: the answers. */
  private int busySecond(CallPacer pacer) {
    return busySecond(pacer, 1);
  }

  /** One second of callers queueing, every {@code nth} admitted call answered: the answers. */
  private int busySecond(CallPacer pacer, int nth) {
    long end = now + 1_000 * MS;
    int admitted = 0;
    int answered = 0;
    while (now < end) {
      CallPacer.Admission admission = pacer.admit(now, false);
      if (admission.admitted()) {
        now += admission.nanos();
        if (admitted++ % nth == 0) {
          pacer.onSuccess(now);
          answered++;
        }
      } else {
        now += admission.nanos() / 4;
      }
    }
    return answered;
  }
}

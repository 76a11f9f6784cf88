package dev.gitops.imagebuilder.aws;

import java.util.concurrent.TimeUnit;

/**
 * The pace of one Image Builder operation in one region, found from the service's answers: it
 * starts at {@link #START} calls per second and doubles each second until the first 429 (slow
 * start). A 429 cuts the pace to what the service actually answered in the last second (at most
 * four fifths of the pace), so one burst of 429s finds the limit however far above it the pace was.
 * Then the pace follows a cubic curve (as TCP CUBIC does): back within two seconds to the pace the
 * service let through before the 429s, flat around there, then probing further, four times slower
 * than it came back. A pace far above the limit is cut to the limit and stays level there, rather
 * than probing past it again at once (which would meet the empty bucket within a second). A
 * configured ceiling caps it.
 *
 * <p>Written here rather than taken from the SDK's adaptive retry strategy because that one paces
 * by sleeping on the caller's thread and keeps one bucket per client for all operations: it can
 * neither hand a reconcile thread back with "come back in 3 s" nor keep a throttled CreateWorkflow
 * from slowing the reads. Here a caller is either admitted (after a wait of at most {@link
 * #MAX_WAIT_NANOS}, its slot reserved) or told when to come back, its slot promised behind those
 * already promised, so the callers sent away return spread out. Promises are spaced a quarter
 * closer than the pace: a pace that grows after its promises were made (slow start, recovery after
 * a 429) would otherwise idle while the callers it sent away keep to the slower schedule. The few
 * that come back too early are sent away again, which costs no AWS call.
 *
 * <p>Pure: time comes in as a parameter. Thread-safe.
 */
final class CallPacer {
  static final double START = 10;

  /** The slowest pace; a 429 at this pace is reported as persistent throttling. */
  static final double FLOOR = 0.2;

  static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  static final long YIELDING_WAIT_NANOS = MAX_WAIT_NANOS / 5;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final double DECREASE = 0.8;
  private static final long RECOVERY_NANOS = 2 * SECOND;

  /**
   * Past the recovery the curve grows four times slower than before it: a 429 leaves the account's
   * bucket empty, the recovery refills it by a few calls only, and a probe as steep as the recovery
   * would spend them within two seconds and meet the next 429.
   */
  private static final long PROBE_NANOS = 4 * RECOVERY_NANOS;

  private static final double GROWTH = Math.log(2);

  /** How much faster than the pace the callers sent away are asked to come back. */
  private static final double PROMISE_AHEAD = 1.25;

  /** The most a promise made in slow start counts on the pace to have doubled. */
  private static final double MAX_DOUBLINGS = 10;

  /** A decision for one call: go after {@code nanos}, or come back after {@code nanos}. */
  record Admission(boolean admitted, long nanos) {}

  private final double ceiling;
  private double rate;
  private boolean slowStart = true;
  private double throttledRate;
  private long lastThrottle;
  private long nextSlot;
  private long promisedUntil;
  private long yieldingUntil;
  private long lastQueued;
  private long windowStart;
  private int answeredInWindow;
  private double answeredRate;

  /**
   * @param ceiling the highest pace ever used, in calls per second ({@code
   *     Double.POSITIVE_INFINITY} for none)
   */
  CallPacer(double ceiling, long now) {
    if (!(ceiling > 0)) {
      throw new IllegalArgumentException("ceiling must be positive, got " + ceiling);
    }
    this.ceiling = ceiling;
    this.rate = Math.min(START, ceiling);
    this.nextSlot = now;
    this.promisedUntil = now;
    this.yieldingUntil = now;
    this.lastThrottle = now - 10 * SECOND;
    this.lastQueued = now - 10 * SECOND;
    this.windowStart = now;
  }

  /**
   * @param yields whether the caller yields to the others: it waits in place at most {@link
   *     #YIELDING_WAIT_NANOS}, a fifth of their wait, so that while they queue the slots go to
   *     them; and when sent away it is promised a slot in a line of its own, which never pushes
   *     their promises back
   */
  synchronized Admission admit(long now, boolean yields) {
    long slot = Math.max(now, nextSlot);
    if (slot > now) {
      lastQueued = now;
    }
    if (slot - now <= (yields ? YIELDING_WAIT_NANOS : MAX_WAIT_NANOS)) {
      nextSlot = slot + interval();
      return new Admission(true, slot - now);
    }
    if (yields) {
      yieldingUntil = nextPromise(Math.max(yieldingUntil, Math.max(now, nextSlot)), now);
      return new Admission(false, yieldingUntil - now);
    }
    return new Admission(false, promise(now));
  }

  /** A slot for a caller sent away, behind those already promised: how long it waits for it. */
  synchronized long promise(long now) {
    promisedUntil = nextPromise(Math.max(promisedUntil, Math.max(now, nextSlot)), now);
    return promisedUntil - now;
  }

  /**
   * The slot after {@code from}. In slow start the pace doubles each second while callers queue, so
   * a slot t seconds out is promised at the pace 2^t times the present one (up to the ceiling):
   * promises made at the start of a mass apply would otherwise keep the callers to the slow pace of
   * the first second.
   */
  private long nextPromise(long from, long now) {
    double pace = rate * PROMISE_AHEAD;
    if (slowStart) {
      pace *= Math.pow(2, Math.min(MAX_DOUBLINGS, (double) (from - now) / SECOND));
    }
    return from + Math.max(1, (long) (SECOND / Math.min(pace, ceiling)));
  }

  /**
   * An answered call. The pace grows only while callers queue for it and use at least half of it (a
   * pace nobody needs says nothing about the account's limit, and one far above what is sent would
   * let a burst through later), and by at most ln 2 calls per second per answer: a pace that grows
   * in proportion to itself, doubling every second at the most.
   */
  synchronized void onSuccess(long now) {
    countAnswer(now);
    if (now - lastQueued > SECOND || (answeredRate > 0 && answeredRate < rate / 2)) {
      return;
    }
    double target = rate + GROWTH;
    if (!slowStart) {
      long sinceRecovered = now - lastThrottle - RECOVERY_NANOS;
      double t = (double) sinceRecovered / (sinceRecovered < 0 ? RECOVERY_NANOS : PROBE_NANOS);
      target = Math.min(target, throttledRate * (1 + (1 - DECREASE) * t * t * t));
    }
    rate = Math.min(ceiling, Math.max(rate, Math.max(FLOOR, target)));
  }

  /** A 429: slow down once per burst (the calls already on their way answer 429 too). */
  synchronized void onThrottled(long now) {
    if (now - lastThrottle < Math.max(interval(), SECOND / 2)) {
      return;
    }
    slowStart = false;
    double cut = rate * DECREASE;
    double answered = answeredRate(now);
    double letThrough = answered > 0 ? Math.min(rate, answered) : rate;
    rate = Math.max(FLOOR, Math.min(cut, letThrough));
    throttledRate = Math.max(rate, letThrough);
    lastThrottle = now;
    nextSlot = Math.max(nextSlot, now + interval());
  }

  /** The last busy second's answers per second, or, before there is one, the current window's. */
  private double answeredRate(long now) {
    long elapsed = now - windowStart;
    if (answeredRate > 0 || elapsed < SECOND / 4 || elapsed > 2 * SECOND) {
      return answeredRate;
    }
    return answeredInWindow * (double) SECOND / elapsed;
  }

  /**
   * Calls answered per second over the last busy second; unknown (0) after a pause, which would
   * only measure the pause.
   */
  private void countAnswer(long now) {
    long elapsed = now - windowStart;
    if (elapsed >= SECOND) {
      answeredRate = elapsed <= 2 * SECOND ? answeredInWindow * (double) SECOND / elapsed : 0;
      answeredInWindow = 0;
      windowStart = now;
    }
    answeredInWindow++;
  }

  /** Whether the service still throttles at the slowest pace: worth telling the user. */
  synchronized boolean atFloor() {
    return rate <= FLOOR;
  }

  synchronized double rate() {
    return rate;
  }

  private long interval() {
    return (long) (SECOND / rate);
  }
}

package dev.gitops.imagebuilder.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault and load injection, applied to every API call before it is served (latency, then rate
 * limit, then injected errors) and after a successful write (commit-then-fail). All settings are
 * per operation; {@code reset()} clears them.
 */
public final class Faults {

  /** An injected server error. */
  public enum ServerError {
    SERVICE_EXCEPTION(ErrorType.ServiceException),
    SERVICE_UNAVAILABLE(ErrorType.ServiceUnavailableException);

    final ErrorType type;

    ServerError(ErrorType type) {
      this.type = type;
    }
  }

  /**
   * What happens after a write was committed: a 500 answer, or the connection closed with no
   * answer.
   */
  public enum CommitFailure {
    SERVER_ERROR,
    DROP_CONNECTION
  }

  private record Latency(long minMillis, long maxMillis) {}

  private record Injection(ServerError error, double rate, AtomicInteger remaining) {}

  private record CommitFault(CommitFailure failure, AtomicInteger remaining) {}

  private volatile Latency latency = new Latency(0, 0);
  private final Map<Operation, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<Operation, Injection> injections = new ConcurrentHashMap<>();
  private final Map<Operation, CommitFault> commitFaults = new ConcurrentHashMap<>();

  /** A fixed delay added to every API call. */
  public Faults latency(Duration fixed) {
    return latency(fixed, fixed);
  }

  /** A uniformly random delay in {@code [min, max]} added to every API call. */
  public Faults latency(Duration min, Duration max) {
    latency = new Latency(min.toMillis(), max.toMillis());
    return this;
  }

  /** Token bucket per operation; calls beyond it answer CallRateLimitExceededException (429). */
  public Faults rateLimit(Operation op, double perSecond, int burst) {
    buckets.put(op, new TokenBucket(perSecond, burst));
    return this;
  }

  /** The next {@code count} calls of {@code op} fail with {@code error}. */
  public Faults failNext(Operation op, int count, ServerError error) {
    injections.put(op, new Injection(error, 0, new AtomicInteger(count)));
    return this;
  }

  /** Each call of {@code op} fails with {@code error} with probability {@code rate} (0..1). */
  public Faults failRate(Operation op, double rate, ServerError error) {
    injections.put(op, new Injection(error, rate, new AtomicInteger(0)));
    return this;
  }

  /**
   * The next {@code count} successful writes of {@code op} are performed, then answered with {@code
   * failure}.
   */
  public Faults commitThenFail(Operation op, int count, CommitFailure failure) {
    commitFaults.put(op, new CommitFault(failure, new AtomicInteger(count)));
    return this;
  }

  public void reset() {
    latency = new Latency(0, 0);
    buckets.clear();
    injections.clear();
    commitFaults.clear();
  }

  /** Sleeps the configured latency, then throws a throttling or injected error if one is due. */
  void beforeCall(Operation op) throws InterruptedException {
    Latency l = latency;
    if (l.maxMillis() > 0) {
      Thread.sleep(
          l.minMillis() + ThreadLocalRandom.current().nextLong(l.maxMillis() - l.minMillis() + 1));
    }
    TokenBucket bucket = buckets.get(op);
    if (bucket != null && !bucket.tryTake()) {
      throw new ApiException(
          ErrorType.CallRateLimitExceededException, "The call rate limit was exceeded.");
    }
    Injection injection = injections.get(op);
    if (injection != null
        && (takeOne(injection.remaining())
            || ThreadLocalRandom.current().nextDouble() < injection.rate())) {
      throw new ApiException(injection.error().type, "Injected " + injection.error().type + ".");
    }
  }

  /** The failure to answer with after {@code op} committed its write, if one is due. */
  Optional<CommitFailure> afterCommit(Operation op) {
    CommitFault fault = commitFaults.get(op);
    return fault != null && takeOne(fault.remaining())
        ? Optional.of(fault.failure())
        : Optional.empty();
  }

  private static boolean takeOne(AtomicInteger remaining) {
    return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }
}

package dev.gitops.imagebuilder.emulator;

import java.time.Duration;
import java.util.List;
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

  /** An injected error answer: 500, 503 or 429. */
  public enum ServerError {
    SERVICE_EXCEPTION(ErrorType.ServiceException),
    SERVICE_UNAVAILABLE(ErrorType.ServiceUnavailableException),
    CALL_RATE_LIMIT_EXCEEDED(ErrorType.CallRateLimitExceededException);

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

  private record Injection(List<ServerError> errors, double rate, AtomicInteger remaining) {}

  private record CommitFault(List<CommitFailure> failures, double rate, AtomicInteger remaining) {}

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
    injections.put(op, new Injection(List.of(error), 0, new AtomicInteger(count)));
    return this;
  }

  /** Each call of {@code op} fails with {@code error} with probability {@code rate} (0..1). */
  public Faults failRate(Operation op, double rate, ServerError error) {
    return failRate(op, rate, List.of(error));
  }

  /**
   * Each call of {@code op} fails with probability {@code rate} (0..1), with one of {@code errors}
   * picked at random.
   */
  public Faults failRate(Operation op, double rate, List<ServerError> errors) {
    injections.put(op, new Injection(List.copyOf(errors), rate, new AtomicInteger(0)));
    return this;
  }

  /**
   * The next {@code count} successful writes of {@code op} are performed, then answered with {@code
   * failure}.
   */
  public Faults commitThenFail(Operation op, int count, CommitFailure failure) {
    commitFaults.put(op, new CommitFault(List.of(failure), 0, new AtomicInteger(count)));
    return this;
  }

  /**
   * Each successful write of {@code op} is, with probability {@code rate} (0..1), performed and
   * then answered with one of {@code failures} picked at random.
   */
  public Faults commitThenFailRate(Operation op, double rate, List<CommitFailure> failures) {
    commitFaults.put(op, new CommitFault(List.copyOf(failures), rate, new AtomicInteger(0)));
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
    if (injection != null && isDue(injection.remaining(), injection.rate())) {
      ErrorType type = pick(injection.errors()).type;
      throw new ApiException(type, "Injected " + type + ".");
    }
  }

  /** The failure to answer with after {@code op} committed its write, if one is due. */
  Optional<CommitFailure> afterCommit(Operation op) {
    CommitFault fault = commitFaults.get(op);
    return fault != null && isDue(fault.remaining(), fault.rate())
        ? Optional.of(pick(fault.failures()))
        : Optional.empty();
  }

  /** Due while a count remains, else with probability {@code rate}. */
  private static boolean isDue(AtomicInteger remaining, double rate) {
    return takeOne(remaining) || (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate);
  }

  private static <T> T pick(List<T> choices) {
    return choices.get(ThreadLocalRandom.current().nextInt(choices.size()));
  }

  private static boolean takeOne(AtomicInteger remaining) {
    return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }
}

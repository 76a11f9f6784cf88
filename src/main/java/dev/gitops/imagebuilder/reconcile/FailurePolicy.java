package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.status.Conditions;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a classified AWS failure means for status and retries. Pure: the failure, how long the
 * resource has been failing (from its status, so nothing is kept in memory) and a jitter draw in;
 * what to report and when to try again out.
 *
 * <p>The backoff needs no attempt counter: waiting as long as the resource has already been failing
 * doubles the wait at every attempt (1 s, 2 s, 4 s, ...), within {@link #CAP}, with "equal jitter"
 * (half fixed, half random).
 */
public final class FailurePolicy {
  static final Duration CAP = Duration.ofMinutes(5);

  /**
   * Access and quota problems that have lasted this long (about three attempts at the fast pace)
   * need a person: they turn Stalled (Argo CD Degraded, {@code kubectl wait} returns) while still
   * being retried slowly. Earlier attempts come quickly, since a just-attached IAM policy or raised
   * quota takes seconds to apply.
   */
  static final Duration STALLED_AFTER = Duration.ofSeconds(2);

  /** How quickly to retry: transient failures fast, access and quota problems slowly. */
  public enum Pace {
    FAST(Duration.ofSeconds(1)),
    SLOW(Duration.ofSeconds(30));

    private final Duration base;

    Pace(Duration base) {
      this.base = base;
    }
  }

  /**
   * @param outcome the status to report; null for a throttled call that only has to wait its turn
   *     (a slowdown, not a failure)
   * @param retryAfter when to try again; empty for terminal failures (until the spec, the ConfigMap
   *     or the adopt annotation changes)
   */
  public record Decision(Outcome outcome, Optional<Duration> retryAfter) {}

  private FailurePolicy() {}

  /**
   * @param failingFor how long the resource has been failing ({@link #failingFor})
   * @param jitter a random draw in [0, 1)
   * @param driftInterval the pace of a resource in use outside a create
   */
  public static Decision decide(
      AwsCallException e, Duration failingFor, double jitter, Duration driftInterval) {
    String detail =
        e.operation()
            + " failed with "
            + e.errorCode()
            + ": "
            + rootMessage(e)
            + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
    return switch (e.errorClass()) {
      case UNAVAILABLE, INVALID_PAGINATION_TOKEN ->
          retry(
              Reason.AwsUnavailable,
              detail + "; retrying with backoff",
              Pace.FAST,
              failingFor,
              jitter);
      case NOT_FOUND ->
          retry(
              Reason.BuildNotFound,
              detail + "; the build was deleted while the operator worked on it, looking again",
              Pace.FAST,
              failingFor,
              jitter);
      case THROTTLED -> throttled(e, detail, failingFor, jitter);
      case ACCESS_DENIED ->
          persisting(
              Reason.AccessDenied,
              detail + "; grant imagebuilder:" + e.operation() + " to the operator's AWS role",
              failingFor,
              jitter);
      case ASSUME_ROLE_FAILED ->
          persisting(
              Reason.AssumeRoleFailed,
              detail
                  + "; no Image Builder call was made. Check that the role exists and that its"
                  + " trust policy lets the operator's role call sts:AssumeRole (with the"
                  + " ImageBuilderAccount's externalId as sts:ExternalId, if set)",
              failingFor,
              jitter);
      case QUOTA_EXCEEDED ->
          persisting(
              Reason.QuotaExceeded,
              detail
                  + "; raise the Image Builder quota or delete unused workflow build versions"
                  + " (spec.retention)",
              failingFor,
              jitter);
      case DEPENDENCY ->
          retry(
              Reason.DeleteBlocked,
              detail + "; retrying with backoff",
              Pace.SLOW,
              failingFor,
              jitter);
      case IN_USE ->
          "CreateWorkflow".equals(e.operation())
              ? terminal(Reason.AlreadyExists, detail)
              : new Decision(
                  Outcome.reconciling(
                      Reason.InUse, detail + "; retrying at the drift check interval"),
                  Optional.of(driftInterval));
      case INVALID_VERSION -> terminal(Reason.InvalidVersion, detail);
      // a dry run's success outside a dry run must not look like success
      case INVALID_SPEC, DRY_RUN_PASSED -> terminal(Reason.InvalidSpec, detail);
      case IDEMPOTENCY_MISMATCH -> terminal(Reason.IdempotencyConflict, detail);
    };
  }

  /**
   * The wait before the next attempt: as long as the resource has been failing, at least the pace's
   * base and at most {@link #CAP}, half of it jittered.
   */
  public static Duration backoff(Pace pace, Duration failingFor, double jitter) {
    long full = Math.min(CAP.toMillis(), Math.max(pace.base.toMillis(), failingFor.toMillis()));
    long half = full / 2;
    return Duration.ofMillis(half + (long) (jitter * (full - half)));
  }

  /**
   * How long the resource has been failing: since its {@code Reconciling} condition turned True
   * (every retried failure reports it), zero when it is not failing.
   */
  public static Duration failingFor(ImageBuilderWorkflowStatus status, Instant now) {
    if (status == null) {
      return Duration.ZERO;
    }
    return Conditions.find(status.getConditions(), Conditions.RECONCILING)
        .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(c -> Duration.between(Instant.parse(c.getLastTransitionTime()), now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }

  /**
   * Throttling is a slowdown: the call comes back when the region's pace has a slot for it, and the
   * status says nothing unless the service throttles even at the slowest pace.
   */
  private static Decision throttled(
      AwsCallException e, String detail, Duration failingFor, double jitter) {
    Duration wait = e.retryAfter().orElseGet(() -> backoff(Pace.FAST, failingFor, jitter));
    Outcome outcome =
        e.persistent()
            ? Outcome.reconciling(
                Reason.Throttled, detail + "; throttled even at the slowest pace, slowing down")
            : null;
    return new Decision(outcome, Optional.of(wait));
  }

  /** Quick retries at first; once it has lasted, Stalled for a person and retried slowly. */
  private static Decision persisting(
      Reason reason, String message, Duration failingFor, double jitter) {
    if (failingFor.compareTo(STALLED_AFTER) < 0) {
      return retry(reason, message + "; retrying", Pace.FAST, failingFor, jitter);
    }
    return new Decision(
        Outcome.stalledRetrying(reason, message + "; still retrying slowly"),
        Optional.of(backoff(Pace.SLOW, failingFor, jitter)));
  }

  private static Decision retry(
      Reason reason, String message, Pace pace, Duration failingFor, double jitter) {
    return new Decision(
        Outcome.reconciling(reason, message), Optional.of(backoff(pace, failingFor, jitter)));
  }

  private static Decision terminal(Reason reason, String message) {
    return new Decision(
        Outcome.stalled(reason, message + "; fix the spec to retry"), Optional.empty());
  }

  private static String rootMessage(AwsCallException e) {
    Throwable cause = e.getCause();
    String message = cause == null ? e.getMessage() : cause.getMessage();
    return message == null ? "" : message;
  }
}

package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;

/**
 * What a classified AWS failure means for status and retries, given how many times in a row it has
 * happened. Pure: error class, operation and attempts in, outcome and pace out.
 */
public final class FailurePolicy {

  /**
   * Access and quota problems that last this many attempts need a person: they turn Stalled (Argo
   * CD Degraded, {@code kubectl wait} returns) while still being retried slowly. Earlier attempts
   * come quickly, since a just-attached IAM policy or raised quota takes seconds to apply.
   */
  static final int STALL_AFTER_ATTEMPTS = 3;

  /**
   * The status to report and how to retry; {@code pace} null means terminal (no retry until a
   * change).
   */
  public record Decision(Outcome outcome, RetryMemory.Pace pace) {}

  private FailurePolicy() {}

  /**
   * @param attempts how many times in a row this resource's attempt has failed, this one included
   */
  public static Decision decide(AwsCallException e, int attempts) {
    String detail =
        e.operation()
            + " failed with "
            + e.errorCode()
            + ": "
            + rootMessage(e)
            + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
    boolean persistent = attempts >= STALL_AFTER_ATTEMPTS;
    return switch (e.errorClass()) {
      case UNAVAILABLE, INVALID_PAGINATION_TOKEN ->
          retry(Reason.AwsUnavailable, detail + "; retrying with backoff", RetryMemory.Pace.FAST);
      case NOT_FOUND ->
          retry(
              Reason.BuildNotFound,
              detail + "; the build was deleted while the operator worked on it, looking again",
              RetryMemory.Pace.FAST);
      case THROTTLED -> retry(Reason.Throttled, detail + "; slowing down", RetryMemory.Pace.FAST);
      case ACCESS_DENIED ->
          persisting(
              Reason.AccessDenied,
              detail + "; grant imagebuilder:" + e.operation() + " to the operator's AWS role",
              persistent);
      case QUOTA_EXCEEDED ->
          persisting(
              Reason.QuotaExceeded,
              detail
                  + "; raise the Image Builder quota or delete unused workflow build versions"
                  + " (spec.retention)",
              persistent);
      case DEPENDENCY ->
          retry(Reason.DeleteBlocked, detail + "; retrying with backoff", RetryMemory.Pace.SLOW);
      case IN_USE ->
          "CreateWorkflow".equals(e.operation())
              ? terminal(Reason.AlreadyExists, detail)
              : retry(
                  Reason.InUse,
                  detail + "; retrying at the drift check interval",
                  RetryMemory.Pace.DRIFT);
      case INVALID_VERSION -> terminal(Reason.InvalidVersion, detail);
      case INVALID_SPEC -> terminal(Reason.InvalidSpec, detail);
      case IDEMPOTENCY_MISMATCH -> terminal(Reason.IdempotencyConflict, detail);
    };
  }

  private static Decision persisting(Reason reason, String message, boolean persistent) {
    return persistent
        ? new Decision(
            Outcome.stalled(reason, message + "; still retrying slowly"), RetryMemory.Pace.SLOW)
        : retry(reason, message + "; retrying", RetryMemory.Pace.FAST);
  }

  private static Decision retry(Reason reason, String message, RetryMemory.Pace pace) {
    return new Decision(Outcome.reconciling(reason, message), pace);
  }

  private static Decision terminal(Reason reason, String message) {
    return new Decision(Outcome.stalled(reason, message + "; fix the spec to retry"), null);
  }

  private static String rootMessage(AwsCallException e) {
    Throwable cause = e.getCause();
    String message = cause == null ? e.getMessage() : cause.getMessage();
    return message == null ? "" : message;
  }
}

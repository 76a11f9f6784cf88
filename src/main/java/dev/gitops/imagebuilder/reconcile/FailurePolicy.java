package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.status.Outcome;
import dev.gitops.imagebuilder.status.Reason;

/** What a classified AWS failure means for status and retries. Pure. */
public final class FailurePolicy {

  /**
   * The status to report and how to retry; {@code pace} null means terminal (no retry until a
   * change).
   */
  public record Decision(Outcome outcome, RetryMemory.Pace pace) {}

  private FailurePolicy() {}

  public static Decision decide(AwsCallException e) {
    String detail =
        e.operation()
            + " failed with "
            + e.errorCode()
            + ": "
            + rootMessage(e)
            + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
    return switch (e.errorClass()) {
      case UNAVAILABLE, NOT_FOUND ->
          retry(Reason.AwsUnavailable, detail + "; retrying with backoff", RetryMemory.Pace.FAST);
      case THROTTLED -> retry(Reason.Throttled, detail + "; slowing down", RetryMemory.Pace.FAST);
      case ACCESS_DENIED ->
          retry(
              Reason.AccessDenied,
              detail
                  + "; grant imagebuilder:"
                  + e.operation()
                  + " to the operator's AWS role; retrying slowly",
              RetryMemory.Pace.SLOW);
      case QUOTA_EXCEEDED ->
          retry(
              Reason.QuotaExceeded,
              detail
                  + "; raise the Image Builder quota or delete"
                  + " unused workflow build versions; retrying slowly",
              RetryMemory.Pace.SLOW);
      case DEPENDENCY ->
          retry(Reason.DeleteBlocked, detail + "; retrying with backoff", RetryMemory.Pace.SLOW);
      case IN_USE -> terminal(Reason.AlreadyExists, detail);
      case INVALID_VERSION -> terminal(Reason.InvalidVersion, detail);
      // a dry run's success outside a dry run must not look like success
      case INVALID_SPEC, DRY_RUN_PASSED -> terminal(Reason.InvalidSpec, detail);
      case IDEMPOTENCY_MISMATCH -> terminal(Reason.IdempotencyConflict, detail);
    };
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

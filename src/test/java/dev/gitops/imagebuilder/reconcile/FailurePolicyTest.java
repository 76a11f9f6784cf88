package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ErrorClass;
import dev.gitops.imagebuilder.status.Outcome.Progress;
import dev.gitops.imagebuilder.status.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each error class, in which call and after how many attempts, does to status and retries. */
class FailurePolicyTest {
  private static final String CREATE = "CreateWorkflow";
  private static final RetryMemory.Pace FAST = RetryMemory.Pace.FAST;
  private static final RetryMemory.Pace SLOW = RetryMemory.Pace.SLOW;

  static Stream<Arguments> rows() {
    return Stream.of(
        row(ErrorClass.UNAVAILABLE, CREATE, 1, Reason.AwsUnavailable, Progress.RECONCILING, FAST),
        row(ErrorClass.UNAVAILABLE, CREATE, 9, Reason.AwsUnavailable, Progress.RECONCILING, FAST),
        row(
            ErrorClass.INVALID_PAGINATION_TOKEN,
            "ListWorkflows",
            1,
            Reason.AwsUnavailable,
            Progress.RECONCILING,
            FAST),
        // a build that vanished is not the service being unavailable
        row(
            ErrorClass.NOT_FOUND,
            "TagResource",
            1,
            Reason.BuildNotFound,
            Progress.RECONCILING,
            FAST),
        row(ErrorClass.THROTTLED, CREATE, 1, Reason.Throttled, Progress.RECONCILING, FAST),
        // access and quota: quick retries first, then Stalled while still retried slowly
        row(ErrorClass.ACCESS_DENIED, CREATE, 1, Reason.AccessDenied, Progress.RECONCILING, FAST),
        row(ErrorClass.ACCESS_DENIED, CREATE, 2, Reason.AccessDenied, Progress.RECONCILING, FAST),
        row(ErrorClass.ACCESS_DENIED, CREATE, 3, Reason.AccessDenied, Progress.STALLED, SLOW),
        row(ErrorClass.ACCESS_DENIED, CREATE, 30, Reason.AccessDenied, Progress.STALLED, SLOW),
        row(ErrorClass.QUOTA_EXCEEDED, CREATE, 2, Reason.QuotaExceeded, Progress.RECONCILING, FAST),
        row(ErrorClass.QUOTA_EXCEEDED, CREATE, 3, Reason.QuotaExceeded, Progress.STALLED, SLOW),
        row(
            ErrorClass.DEPENDENCY,
            "DeleteWorkflow",
            1,
            Reason.DeleteBlocked,
            Progress.RECONCILING,
            SLOW),
        // in use: a create refused is terminal; anywhere else it is retried at the drift pace
        row(ErrorClass.IN_USE, CREATE, 1, Reason.AlreadyExists, Progress.STALLED, null),
        row(
            ErrorClass.IN_USE,
            "TagResource",
            1,
            Reason.InUse,
            Progress.RECONCILING,
            RetryMemory.Pace.DRIFT),
        row(ErrorClass.INVALID_VERSION, CREATE, 1, Reason.InvalidVersion, Progress.STALLED, null),
        row(ErrorClass.INVALID_SPEC, CREATE, 1, Reason.InvalidSpec, Progress.STALLED, null),
        row(
            ErrorClass.IDEMPOTENCY_MISMATCH,
            CREATE,
            1,
            Reason.IdempotencyConflict,
            Progress.STALLED,
            null));
  }

  private static Arguments row(
      ErrorClass errorClass,
      String operation,
      int attempts,
      Reason reason,
      Progress progress,
      RetryMemory.Pace pace) {
    return Arguments.of(errorClass, operation, attempts, reason, progress, pace);
  }

  @ParameterizedTest(name = "{0} in {1}, attempt {2} -> {3} {4} {5}")
  @MethodSource("rows")
  void decides(
      ErrorClass errorClass,
      String operation,
      int attempts,
      Reason reason,
      Progress progress,
      RetryMemory.Pace pace) {
    AwsCallException e =
        new AwsCallException(
            operation, errorClass, "SomeCode", "req-42", new RuntimeException("boom"));
    FailurePolicy.Decision decision = FailurePolicy.decide(e, attempts);
    assertThat(decision.outcome().reason()).isEqualTo(reason);
    assertThat(decision.outcome().progress()).isEqualTo(progress);
    assertThat(decision.pace()).isEqualTo(pace);
    assertThat(decision.outcome().message()).contains(operation, "SomeCode", "boom", "req-42");
    assertThat(decision.outcome().build()).isNull();
  }
}

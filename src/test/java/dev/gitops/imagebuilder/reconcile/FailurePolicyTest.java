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

/** Issue row 11: what each error class does to status and retries. */
class FailurePolicyTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            ErrorClass.UNAVAILABLE,
            Reason.AwsUnavailable,
            Progress.RECONCILING,
            RetryMemory.Pace.FAST),
        Arguments.of(
            ErrorClass.NOT_FOUND,
            Reason.AwsUnavailable,
            Progress.RECONCILING,
            RetryMemory.Pace.FAST),
        Arguments.of(
            ErrorClass.THROTTLED, Reason.Throttled, Progress.RECONCILING, RetryMemory.Pace.FAST),
        Arguments.of(
            ErrorClass.ACCESS_DENIED,
            Reason.AccessDenied,
            Progress.RECONCILING,
            RetryMemory.Pace.SLOW),
        Arguments.of(
            ErrorClass.QUOTA_EXCEEDED,
            Reason.QuotaExceeded,
            Progress.RECONCILING,
            RetryMemory.Pace.SLOW),
        Arguments.of(
            ErrorClass.DEPENDENCY,
            Reason.DeleteBlocked,
            Progress.RECONCILING,
            RetryMemory.Pace.SLOW),
        Arguments.of(ErrorClass.IN_USE, Reason.AlreadyExists, Progress.STALLED, null),
        Arguments.of(ErrorClass.INVALID_VERSION, Reason.InvalidVersion, Progress.STALLED, null),
        Arguments.of(ErrorClass.INVALID_SPEC, Reason.InvalidSpec, Progress.STALLED, null),
        Arguments.of(ErrorClass.DRY_RUN_PASSED, Reason.InvalidSpec, Progress.STALLED, null),
        Arguments.of(
            ErrorClass.IDEMPOTENCY_MISMATCH, Reason.IdempotencyConflict, Progress.STALLED, null));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rows")
  void decides(ErrorClass errorClass, Reason reason, Progress progress, RetryMemory.Pace pace) {
    AwsCallException e =
        new AwsCallException(
            "CreateWorkflow", errorClass, "SomeCode", "req-42", new RuntimeException("boom"));
    FailurePolicy.Decision decision = FailurePolicy.decide(e);
    assertThat(decision.outcome().reason()).isEqualTo(reason);
    assertThat(decision.outcome().progress()).isEqualTo(progress);
    assertThat(decision.pace()).isEqualTo(pace);
    assertThat(decision.outcome().message())
        .contains("CreateWorkflow", "SomeCode", "boom", "req-42");
    assertThat(decision.outcome().build()).isNull();
  }
}

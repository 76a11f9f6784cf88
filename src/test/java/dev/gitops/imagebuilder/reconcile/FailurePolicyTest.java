package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.aws.AwsCallException;
import dev.gitops.imagebuilder.aws.ErrorClass;
import dev.gitops.imagebuilder.status.Outcome.Progress;
import dev.gitops.imagebuilder.status.Reason;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each error class does to status and retries, and how the wait grows. */
class FailurePolicyTest {
  private static final Duration NEW = Duration.ZERO;
  private static final Duration DRIFT = Duration.ofMinutes(10);
  private static final String CREATE = "CreateWorkflow";

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            ErrorClass.UNAVAILABLE,
            CREATE,
            "0s",
            Reason.AwsUnavailable,
            Progress.RECONCILING,
            "0.5s"),
        row(
            ErrorClass.INVALID_PAGINATION_TOKEN,
            "ListWorkflows",
            "0s",
            Reason.AwsUnavailable,
            Progress.RECONCILING,
            "0.5s"),
        // a build that vanished is not the service being unavailable
        row(
            ErrorClass.NOT_FOUND,
            "TagResource",
            "0s",
            Reason.BuildNotFound,
            Progress.RECONCILING,
            "0.5s"),
        // access and quota: quick retries at first, then Stalled while still retried slowly
        row(
            ErrorClass.ACCESS_DENIED,
            CREATE,
            "0s",
            Reason.AccessDenied,
            Progress.RECONCILING,
            "0.5s"),
        row(
            ErrorClass.ACCESS_DENIED,
            CREATE,
            "1.9s",
            Reason.AccessDenied,
            Progress.RECONCILING,
            "0.95s"),
        row(
            ErrorClass.ACCESS_DENIED,
            CREATE,
            "2s",
            Reason.AccessDenied,
            Progress.STALLED_RETRYING,
            "15s"),
        row(
            ErrorClass.ACCESS_DENIED,
            CREATE,
            "2h",
            Reason.AccessDenied,
            Progress.STALLED_RETRYING,
            "150s"),
        row(
            ErrorClass.QUOTA_EXCEEDED,
            CREATE,
            "0s",
            Reason.QuotaExceeded,
            Progress.RECONCILING,
            "0.5s"),
        row(
            ErrorClass.QUOTA_EXCEEDED,
            CREATE,
            "3s",
            Reason.QuotaExceeded,
            Progress.STALLED_RETRYING,
            "15s"),
        row(
            ErrorClass.DEPENDENCY,
            "DeleteWorkflow",
            "0s",
            Reason.DeleteBlocked,
            Progress.RECONCILING,
            "15s"),
        // in use: a refused create is terminal; anywhere else it is retried at the drift pace
        row(ErrorClass.IN_USE, CREATE, "0s", Reason.AlreadyExists, Progress.STALLED, null),
        row(ErrorClass.IN_USE, "TagResource", "0s", Reason.InUse, Progress.RECONCILING, "10m"),
        row(
            ErrorClass.INVALID_VERSION,
            CREATE,
            "0s",
            Reason.InvalidVersion,
            Progress.STALLED,
            null),
        row(ErrorClass.DRY_RUN_PASSED, CREATE, "0s", Reason.InvalidSpec, Progress.STALLED, null),
        row(ErrorClass.INVALID_SPEC, CREATE, "0s", Reason.InvalidSpec, Progress.STALLED, null),
        row(
            ErrorClass.IDEMPOTENCY_MISMATCH,
            CREATE,
            "0s",
            Reason.IdempotencyConflict,
            Progress.STALLED,
            null));
  }

  private static Arguments row(
      ErrorClass errorClass,
      String operation,
      String failingFor,
      Reason reason,
      Progress progress,
      String retryAfter) {
    return Arguments.of(errorClass, operation, failingFor, reason, progress, retryAfter);
  }

  @ParameterizedTest(name = "{0} in {1}, failing for {2} -> {3} {4}, retry after {5}")
  @MethodSource("rows")
  void decides(
      ErrorClass errorClass,
      String operation,
      String failingFor,
      Reason reason,
      Progress progress,
      String retryAfter) {
    FailurePolicy.Decision decision =
        FailurePolicy.decide(
            failure(errorClass, operation), Duration.parse("PT" + failingFor), 0, DRIFT);
    assertThat(decision.outcome().reason()).isEqualTo(reason);
    assertThat(decision.outcome().progress()).isEqualTo(progress);
    assertThat(decision.retryAfter())
        .isEqualTo(
            Optional.ofNullable(retryAfter).map(t -> Duration.parse("PT" + t.toUpperCase())));
    assertThat(decision.outcome().message()).contains(operation, "SomeCode", "boom", "req-42");
    assertThat(decision.outcome().build()).isNull();
  }

  @Test
  void throttlingWaitsForThePaceWithoutReportingAnything() {
    AwsCallException paced =
        failure(ErrorClass.THROTTLED).withRetryAfter(Duration.ofMillis(1_250), false);
    FailurePolicy.Decision decision =
        FailurePolicy.decide(paced, Duration.ofMinutes(3), 0.5, DRIFT);
    assertThat(decision.outcome()).isNull();
    assertThat(decision.retryAfter()).contains(Duration.ofMillis(1_250));
  }

  @Test
  void throttlingEvenAtTheSlowestPaceIsReported() {
    AwsCallException persistent =
        failure(ErrorClass.THROTTLED).withRetryAfter(Duration.ofSeconds(5), true);
    FailurePolicy.Decision decision = FailurePolicy.decide(persistent, NEW, 0, DRIFT);
    assertThat(decision.outcome().reason()).isEqualTo(Reason.Throttled);
    assertThat(decision.outcome().progress()).isEqualTo(Progress.RECONCILING);
    assertThat(decision.retryAfter()).contains(Duration.ofSeconds(5));
  }

  static Stream<Arguments> backoffs() {
    return Stream.of(
        Arguments.of(FailurePolicy.Pace.FAST, "0s", 0.0, "0.5s"),
        Arguments.of(FailurePolicy.Pace.FAST, "0s", 0.999, "0.999s"),
        Arguments.of(FailurePolicy.Pace.FAST, "10s", 0.0, "5s"),
        Arguments.of(FailurePolicy.Pace.FAST, "10s", 0.5, "7.5s"),
        Arguments.of(FailurePolicy.Pace.SLOW, "10s", 0.0, "15s"),
        Arguments.of(FailurePolicy.Pace.SLOW, "100s", 0.0, "50s"),
        Arguments.of(FailurePolicy.Pace.FAST, "2h", 0.0, "150s"),
        Arguments.of(FailurePolicy.Pace.FAST, "2h", 1.0, "300s"));
  }

  @ParameterizedTest(name = "{0} failing for {1}, jitter {2} -> {3}")
  @MethodSource("backoffs")
  void backoffIsAsLongAsTheFailureLastedWithinBounds(
      FailurePolicy.Pace pace, String failingFor, double jitter, String expected) {
    assertThat(FailurePolicy.backoff(pace, Duration.parse("PT" + failingFor), jitter))
        .isEqualTo(Duration.parse("PT" + expected));
  }

  @Test
  void waitingAsLongAsTheFailureLastedDoublesTheWaitEachTime() {
    Duration failingFor = Duration.ZERO;
    List<Long> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 6; attempt++) {
      Duration wait = FailurePolicy.backoff(FailurePolicy.Pace.FAST, failingFor, 1.0);
      waits.add(wait.toMillis());
      failingFor = failingFor.plus(wait);
    }
    assertThat(waits).containsExactly(1_000L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L);
  }

  @Test
  void failingForIsTheTimeSinceReconcilingTurnedTrue() {
    Instant now = Instant.parse("2026-01-01T00:10:00Z");
    assertThat(FailurePolicy.failingFor(null, now)).isZero();
    assertThat(FailurePolicy.failingFor(status("True", "2026-01-01T00:09:30Z"), now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(FailurePolicy.failingFor(status("False", "2026-01-01T00:09:30Z"), now)).isZero();
  }

  private static ImageBuilderWorkflowStatus status(String reconciling, String since) {
    ImageBuilderWorkflowStatus status = new ImageBuilderWorkflowStatus();
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Reconciling")
                .withStatus(reconciling)
                .withReason("AwsUnavailable")
                .withLastTransitionTime(since)
                .build());
    return status;
  }

  private static AwsCallException failure(ErrorClass errorClass) {
    return failure(errorClass, CREATE);
  }

  private static AwsCallException failure(ErrorClass errorClass, String operation) {
    return new AwsCallException(
        operation, errorClass, "SomeCode", "req-42", new RuntimeException("boom"));
  }
}

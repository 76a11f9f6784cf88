package dev.gitops.imagebuilder.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Bridges the SDK's per-call metrics to Micrometer: for every attempt (the SDK's retries included)
 * {@code imagebuilder_aws_calls_total{account,operation,outcome}} and {@code
 * imagebuilder_aws_call_seconds{account,operation}} (the HTTP round trip), {@code account} being
 * the account id of a mapped role or {@code operator} for the operator's own credentials. The
 * outcome is {@code success} or the error class the HTTP status implies ({@code throttled}, {@code
 * unavailable}, {@code access_denied}, {@code quota_exceeded}, {@code not_found}; {@code
 * dry_run_passed} for a dry run that would succeed); other refusals are {@code client_error}, since
 * a status 400 alone does not say which. A call the pace never sent made no attempt and counts
 * nothing.
 */
final class AttemptMetrics implements MetricPublisher {
  private final MeterRegistry registry;
  private final String account;

  AttemptMetrics(MeterRegistry registry, String account) {
    this.registry = registry;
    this.account = account;
  }

  @Override
  public void publish(MetricCollection call) {
    String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
    call.childrenWithName("ApiCallAttempt")
        .forEach(
            attempt -> {
              Integer status = first(attempt.metricValues(HttpMetric.HTTP_STATUS_CODE), null);
              Counter.builder("imagebuilder_aws_calls_total")
                  .tag("account", account)
                  .tag("operation", operation)
                  .tag("outcome", outcome(status))
                  .register(registry)
                  .increment();
              Duration took =
                  first(attempt.metricValues(CoreMetric.SERVICE_CALL_DURATION), Duration.ZERO);
              Timer.builder("imagebuilder_aws_call_seconds")
                  .tag("account", account)
                  .tag("operation", operation)
                  .register(registry)
                  .record(took);
            });
  }

  /** The outcome label of an attempt; {@code status} null when no HTTP answer came. */
  static String outcome(Integer status) {
    if (status == null) {
      return "unavailable";
    }
    if (status >= 200 && status < 300) {
      return "success";
    }
    if (status == 412) {
      return "dry_run_passed"; // only DryRunOperationException answers 412
    }
    ErrorClass byStatus = ErrorClassifier.byStatus(status);
    return byStatus == ErrorClass.INVALID_SPEC
        ? "client_error"
        : byStatus.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {}

  private static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() ? otherwise : values.get(0);
  }
}

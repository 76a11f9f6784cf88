package dev.gitops.imagebuilder.aws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryUtils;

/**
 * Paces every call of one account's client in one region, one {@link CallPacer} per operation (AWS
 * throttles each API of each account and region separately, so throttled creates never slow the
 * reads, and one account's throttling never slows another's). As an SDK interceptor it sees every
 * call, paginator pages included; a call not admitted fails before it is sent with {@link
 * PaceExceeded}. A caller may take a call's turn ahead of it ({@link #takeTurn}), before the reads
 * that lead to it, so that a caller sent away has spent no call; and the periodic checks of
 * resources that are up to date yield to the calls of resources whose spec changed ({@link Turn}).
 */
final class Pacing implements ExecutionInterceptor {
  /** How a call takes its turn; {@link Turn#WAIT} when absent. */
  static final ExecutionAttribute<Turn> TURN = new ExecutionAttribute<>("ibw.Turn");

  private final String account;
  private final String region;
  private final double ceiling;
  private final MeterRegistry registry;
  private final LongSupplier nanoTime;
  private final Map<String, CallPacer> byOperation = new ConcurrentHashMap<>();

  Pacing(
      String account,
      String region,
      double ceiling,
      MeterRegistry registry,
      LongSupplier nanoTime) {
    this.account = account;
    this.region = region;
    this.ceiling = ceiling;
    this.registry = registry;
    this.nanoTime = nanoTime;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Turn turn = attributes.getAttribute(TURN);
    if (turn != Turn.TAKEN) {
      takeTurn(operation(attributes), turn == null ? Turn.WAIT : turn);
    }
  }

  /**
   * Admits one call of {@code operation}, after a short wait in place if its slot is near (shorter
   * for a call that yields), or throws {@link PaceExceeded}.
   */
  void takeTurn(String operation, Turn turn) {
    CallPacer.Admission admission =
        pacer(operation).admit(nanoTime.getAsLong(), turn == Turn.YIELD);
    if (!admission.admitted()) {
      throw new PaceExceeded(operation, Duration.ofNanos(admission.nanos()));
    }
    if (admission.nanos() > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(admission.nanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the " + operation + " pace");
      }
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    pacer(operation(attributes)).onSuccess(nanoTime.getAsLong());
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (context.exception() instanceof SdkException e && RetryUtils.isThrottlingException(e)) {
      pacer(operation(attributes)).onThrottled(nanoTime.getAsLong());
    }
  }

  /** When a caller turned away by a 429 of {@code operation} should come back. */
  Duration retryAfterThrottling(String operation) {
    return Duration.ofNanos(pacer(operation).promise(nanoTime.getAsLong()));
  }

  boolean atFloor(String operation) {
    return pacer(operation).atFloor();
  }

  private CallPacer pacer(String operation) {
    return byOperation.computeIfAbsent(
        operation,
        o -> {
          CallPacer pacer = new CallPacer(ceiling, nanoTime.getAsLong());
          Gauge.builder("imagebuilder_aws_pace_calls_per_second", pacer, CallPacer::rate)
              .description(
                  "the pace found for an Image Builder operation of an account in a region")
              .tag("account", account)
              .tag("region", region)
              .tag("operation", o)
              .register(registry);
          return pacer;
        });
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }
}

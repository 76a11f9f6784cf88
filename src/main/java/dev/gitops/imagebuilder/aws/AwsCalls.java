package dev.gitops.imagebuilder.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/**
 * Runs one Image Builder call: waits for the region's rate limiter, records {@code
 * imagebuilder_aws_calls_total{operation,outcome}} and {@code
 * imagebuilder_aws_call_seconds{operation}} per attempt, retries throttling and transient failures
 * a few times in place, and turns every failure into a classified {@link AwsCallException}.
 */
final class AwsCalls {
  static final int MAX_ATTEMPTS = 3;

  /**
   * Throttling is a slowdown: each 429 widens the limiter's spacing, so allow enough attempts to
   * adapt.
   */
  static final int MAX_THROTTLED_ATTEMPTS = 8;

  private static final long BASE_RETRY_MILLIS = 100;

  private final RegionClients clients;
  private final MeterRegistry registry;

  AwsCalls(RegionClients clients, MeterRegistry registry) {
    this.clients = clients;
    this.registry = registry;
  }

  <T> T call(String region, String operation, Function<ImagebuilderClient, T> call) {
    RegionClients.RegionClient target = clients.forRegion(region);
    for (int attempt = 1; ; attempt++) {
      Attempt<T> result = attempt(target, operation, call);
      if (result.failure() == null) {
        return result.value();
      }
      ErrorClass errorClass = result.failure().errorClass();
      boolean transientFailure =
          errorClass == ErrorClass.THROTTLED || errorClass == ErrorClass.UNAVAILABLE;
      int maxAttempts = errorClass == ErrorClass.THROTTLED ? MAX_THROTTLED_ATTEMPTS : MAX_ATTEMPTS;
      if (!transientFailure || attempt >= maxAttempts) {
        if (errorClass == ErrorClass.UNAVAILABLE && result.failure().requestId() == null) {
          clients.release(region, target);
        }
        throw result.failure();
      }
      if (errorClass == ErrorClass.THROTTLED) {
        target.limiter().onThrottled(); // the next acquire() waits longer
      } else {
        sleep(ThreadLocalRandom.current().nextLong(BASE_RETRY_MILLIS << attempt) + 1);
      }
    }
  }

  private record Attempt<T>(T value, AwsCallException failure) {}

  private <T> Attempt<T> attempt(
      RegionClients.RegionClient target, String operation, Function<ImagebuilderClient, T> call) {
    try {
      target.limiter().acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the " + operation + " rate limit", e);
    }
    Timer.Sample sample = Timer.start(registry);
    try {
      T value = call.apply(target.client());
      count(operation, "success");
      target.limiter().onSuccess();
      return new Attempt<>(value, null);
    } catch (RuntimeException e) {
      AwsCallException failure = ErrorClassifier.classify(operation, e);
      count(operation, failure.errorClass().name().toLowerCase(Locale.ROOT));
      return new Attempt<>(null, failure);
    } finally {
      sample.stop(
          Timer.builder("imagebuilder_aws_call_seconds")
              .tag("operation", operation)
              .register(registry));
    }
  }

  private void count(String operation, String outcome) {
    Counter.builder("imagebuilder_aws_calls_total")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}

package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.config.OperatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;

/**
 * One Image Builder client per region, built on first use and reused, each with its region's {@link
 * Pacing}, the SDK's standard retries for transient failures and the {@link AttemptMetrics}
 * publisher.
 */
public final class RegionClients implements AutoCloseable {
  static final int MAX_ATTEMPTS = 3;

  /** A region's client and the pace every call to it keeps. */
  public record RegionClient(ImagebuilderClient client, Pacing pacing) {}

  private final Function<String, ImagebuilderClientBuilder> builders;
  private final double ceiling;
  private final MeterRegistry registry;
  private final Map<String, RegionClient> byRegion = new ConcurrentHashMap<>();

  /**
   * @param builders the client builder of a region, with endpoint and credentials (tests point it
   *     at the emulator); retries, pacing and metrics are added here
   * @param ceiling the highest pace per region and operation, calls per second ({@code
   *     Double.POSITIVE_INFINITY} for none)
   */
  public RegionClients(
      Function<String, ImagebuilderClientBuilder> builders,
      double ceiling,
      MeterRegistry registry) {
    this.builders = builders;
    this.ceiling = ceiling;
    this.registry = registry;
  }

  /** Clients with the SDK's default credentials chain and the configured endpoint override. */
  public static RegionClients fromConfig(OperatorConfig config, MeterRegistry registry) {
    return new RegionClients(
        region -> {
          ImagebuilderClientBuilder builder =
              ImagebuilderClient.builder()
                  .region(Region.of(region))
                  .httpClientBuilder(UrlConnectionHttpClient.builder());
          config.endpointOverride().ifPresent(builder::endpointOverride);
          return builder;
        },
        config.awsCallsPerSecond(),
        registry);
  }

  /**
   * Builds the region's client in the background, so that the first reconciles after start-up do
   * not wait for the SDK's class loading and set-up (seconds on a busy 2-core node).
   */
  public void prepare(String region) {
    Thread warmUp = new Thread(() -> forRegion(region), "aws-client-" + region);
    warmUp.setDaemon(true);
    warmUp.start();
  }

  public RegionClient forRegion(String region) {
    return byRegion.computeIfAbsent(region, this::build);
  }

  private RegionClient build(String region) {
    Pacing pacing = new Pacing(region, ceiling, registry, System::nanoTime);
    ImagebuilderClient client =
        builders
            .apply(region)
            .overrideConfiguration(
                o ->
                    o.retryStrategy(retryStrategy())
                        .addExecutionInterceptor(pacing)
                        .addMetricPublisher(new AttemptMetrics(registry)))
            .build();
    return new RegionClient(client, pacing);
  }

  /**
   * The SDK's standard strategy (exponential backoff with jitter, a retry quota), for 5xx and I/O
   * failures only: a throttled call is not retried in place but comes back through the reconciler
   * at the pace, so no reconcile thread sleeps on a 429. The request, clientToken included, is the
   * same on every attempt.
   */
  static RetryStrategy retryStrategy() {
    return StandardRetryStrategy.builder()
        .maxAttempts(MAX_ATTEMPTS)
        .backoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
        .retryOnException(RegionClients::transientFailure)
        .useClientDefaults(false) // the AWS defaults would add throttling back
        .build();
  }

  /** What the operator classifies as unavailable (5xx, I/O): never throttling. */
  static boolean transientFailure(Throwable failure) {
    return failure instanceof SdkException
        && ErrorClassifier.classify("retry", failure).errorClass() == ErrorClass.UNAVAILABLE;
  }

  /**
   * Drops a region's client after a call that never reached the service (DNS, connection): the next
   * call builds a new one, so a region that failed does not keep a client for the life of the
   * process.
   */
  void release(String region, RegionClient unreachable) {
    if (byRegion.remove(region, unreachable)) {
      unreachable.client().close();
    }
  }

  @Override
  public void close() {
    byRegion.values().forEach(r -> r.client().close());
    byRegion.clear();
  }
}

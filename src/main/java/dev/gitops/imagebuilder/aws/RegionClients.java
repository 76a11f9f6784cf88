package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.config.OperatorConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;

/** One Image Builder client and one rate limiter per region, built on first use and reused. */
public final class RegionClients implements AutoCloseable {

  /** A region's client and the limiter every call to it goes through. */
  public record RegionClient(ImagebuilderClient client, RegionRateLimiter limiter) {}

  private final Function<String, ImagebuilderClient> factory;
  private final double callsPerSecond;
  private final Map<String, RegionClient> byRegion = new ConcurrentHashMap<>();

  /**
   * @param factory builds the client of a region (tests point it at the emulator)
   */
  public RegionClients(Function<String, ImagebuilderClient> factory, double callsPerSecond) {
    this.factory = factory;
    this.callsPerSecond = callsPerSecond;
  }

  /**
   * Clients with the SDK's default credentials chain and the configured endpoint override. The
   * SDK's own retries are off: the gateway retries, so that every attempt passes the rate limiter
   * and is counted.
   */
  public static RegionClients fromConfig(OperatorConfig config) {
    return new RegionClients(
        region -> {
          ImagebuilderClientBuilder builder =
              ImagebuilderClient.builder()
                  .region(Region.of(region))
                  .httpClientBuilder(UrlConnectionHttpClient.builder())
                  .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
          config.endpointOverride().ifPresent(builder::endpointOverride);
          return builder.build();
        },
        config.awsCallsPerSecond());
  }

  public RegionClient forRegion(String region) {
    return byRegion.computeIfAbsent(
        region, r -> new RegionClient(factory.apply(r), new RegionRateLimiter(callsPerSecond)));
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

package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.config.OperatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The Image Builder clients and the credentials of mapped roles. One client per account and region,
 * built on first use and reused, each with its own {@link Pacing} (AWS throttles per account,
 * region and API), the SDK's standard retries for transient failures and the {@link AttemptMetrics}
 * publisher labelled with the account. A client is built with the operator's own credentials; a
 * call for a mapped namespace carries the credentials of its role, one SDK {@link
 * StsAssumeRoleCredentialsProvider} per (role, external ID, namespace), which caches and refreshes
 * them.
 */
public final class AwsClients implements AutoCloseable {
  static final int MAX_ATTEMPTS = 3;

  /** A client and the pace every call through it keeps. */
  public record TargetClient(ImagebuilderClient client, Pacing pacing) {}

  private record ClientKey(String account, String region) {}

  private final Function<String, ImagebuilderClientBuilder> builders;
  private final Supplier<StsClient> stsClients;
  private final double ceiling;
  private final MeterRegistry registry;
  private final Map<ClientKey, TargetClient> clients = new ConcurrentHashMap<>();
  private final Map<AccountRef, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();
  private volatile StsClient sts;

  /**
   * @param builders the client builder of a region, with endpoint and the operator's own
   *     credentials (tests point it at the emulator); retries, pacing and metrics are added here
   * @param stsClients builds the STS client that assumes the mapped roles, with the operator's own
   *     credentials; called once, when the first role is needed
   * @param ceiling the highest pace per account, region and operation, calls per second ({@code
   *     Double.POSITIVE_INFINITY} for none)
   */
  public AwsClients(
      Function<String, ImagebuilderClientBuilder> builders,
      Supplier<StsClient> stsClients,
      double ceiling,
      MeterRegistry registry) {
    this.builders = builders;
    this.stsClients = stsClients;
    this.ceiling = ceiling;
    this.registry = registry;
  }

  /**
   * Clients with the SDK's default credentials chain and the configured endpoint overrides; STS in
   * the default region (its regional endpoint).
   */
  public static AwsClients fromConfig(OperatorConfig config, MeterRegistry registry) {
    return new AwsClients(
        region -> {
          ImagebuilderClientBuilder builder =
              ImagebuilderClient.builder()
                  .region(Region.of(region))
                  .httpClientBuilder(UrlConnectionHttpClient.builder());
          config.endpointOverride().ifPresent(builder::endpointOverride);
          return builder;
        },
        () -> {
          StsClientBuilder builder =
              StsClient.builder()
                  .region(Region.of(config.defaultRegion()))
                  .httpClientBuilder(UrlConnectionHttpClient.builder());
          config.stsEndpointOverride().ifPresent(builder::endpointOverride);
          return builder.build();
        },
        config.awsCallsPerSecond(),
        registry);
  }

  /**
   * Builds the operator's own client of a region in the background, so that the first reconciles
   * after start-up do not wait for the SDK's class loading and set-up (seconds on a busy 2-core
   * node). Not a daemon: a {@code --check} run ends only once the client is built, so the image's
   * class-data archive holds the SDK's classes too.
   */
  public void prepare(String region) {
    Thread warmUp = new Thread(() -> forTarget(AwsTarget.own(region)), "aws-client-" + region);
    warmUp.start();
  }

  public TargetClient forTarget(AwsTarget target) {
    return clients.computeIfAbsent(
        new ClientKey(target.account().label(), target.region()), this::build);
  }

  /**
   * The credentials of a mapped role, for the calls made for its namespace; null for the operator's
   * own, which the client already has.
   */
  AwsCredentialsProvider credentials(AccountRef account) {
    return account.own() ? null : roles.computeIfAbsent(account, this::assume);
  }

  private StsAssumeRoleCredentialsProvider assume(AccountRef account) {
    // exported from now on, so that an alert sees the first refusal as an increase from zero
    AwsCalls.assumeRoleFailures(registry, account);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts())
        .refreshRequest(
            r ->
                r.roleArn(account.roleArn())
                    .roleSessionName(account.sessionName())
                    .externalId(account.externalId()))
        .build();
  }

  private StsClient sts() {
    StsClient current = sts;
    if (current == null) {
      synchronized (this) {
        if (sts == null) {
          sts = stsClients.get();
        }
        current = sts;
      }
    }
    return current;
  }

  private TargetClient build(ClientKey key) {
    Pacing pacing = new Pacing(key.account(), key.region(), ceiling, registry, System::nanoTime);
    ImagebuilderClient client =
        builders
            .apply(key.region())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(retryStrategy())
                        .addExecutionInterceptor(pacing)
                        .addMetricPublisher(new AttemptMetrics(registry, key.account())))
            .build();
    return new TargetClient(client, pacing);
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
        .retryOnException(AwsClients::transientFailure)
        .useClientDefaults(false) // the AWS defaults would add throttling back
        .build();
  }

  /** What the operator classifies as unavailable (5xx, I/O): never throttling. */
  static boolean transientFailure(Throwable failure) {
    return failure instanceof SdkException
        && ErrorClassifier.classify("retry", failure).errorClass() == ErrorClass.UNAVAILABLE;
  }

  /**
   * Drops a client after a call that never reached the service (DNS, connection): the next call
   * builds a new one, so a region that failed does not keep a client for the life of the process.
   */
  void release(AwsTarget target, TargetClient unreachable) {
    if (clients.remove(new ClientKey(target.account().label(), target.region()), unreachable)) {
      unreachable.client().close();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(c -> c.client().close());
    clients.clear();
    roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
    roles.clear();
    if (sts != null) {
      sts.close();
    }
  }
}

package dev.gitops.imagebuilder.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/**
 * Runs one Image Builder call (or a paginated series of them) for a target and turns every failure
 * into a classified {@link AwsCallException}. Pacing, retries and metrics happen in the client
 * ({@link AwsClients}); a throttled call says when to come back. For a mapped role the credentials
 * are resolved first, so that a refused AssumeRole fails before any Image Builder call is made.
 */
final class AwsCalls {
  private final AwsClients clients;
  private final MeterRegistry registry;

  AwsCalls(AwsClients clients, MeterRegistry registry) {
    this.clients = clients;
    this.registry = registry;
  }

  /**
   * @param call the call on the target's client; it passes {@code credentials} to its request's
   *     {@code overrideConfiguration} (null for the operator's own credentials)
   */
  <T> T call(
      AwsTarget target,
      String operation,
      BiFunction<ImagebuilderClient, AwsRequestOverrideConfiguration, T> call) {
    return call(target, operation, Turn.WAIT, call);
  }

  /**
   * @param turn how the call takes its turn at the pace ({@link Turn#TAKEN} after {@link
   *     #takeTurn})
   */
  <T> T call(
      AwsTarget target,
      String operation,
      Turn turn,
      BiFunction<ImagebuilderClient, AwsRequestOverrideConfiguration, T> call) {
    AwsRequestOverrideConfiguration overrides = overrides(target.account(), operation, turn);
    AwsClients.TargetClient client = clients.forTarget(target);
    try {
      return call.apply(client.client(), overrides);
    } catch (RuntimeException e) {
      AwsCallException failure = ErrorClassifier.classify(operation, e);
      if (failure.errorClass() == ErrorClass.UNAVAILABLE && failure.requestId() == null) {
        clients.release(target, client); // never reached the service: a new client next time
      }
      if (failure.errorClass() != ErrorClass.THROTTLED || failure.retryAfter().isPresent()) {
        throw failure;
      }
      // A 429 from the service: come back at the (now slower) pace.
      throw failure.withRetryAfter(
          client.pacing().retryAfterThrottling(operation), client.pacing().atFloor(operation));
    }
  }

  /**
   * Takes the operation's turn at the target's pace now (waiting in place for a short while at
   * most), or throws {@link ErrorClass#THROTTLED} saying when to come back.
   */
  void takeTurn(AwsTarget target, String operation) {
    try {
      clients.forTarget(target).pacing().takeTurn(operation, Turn.WAIT);
    } catch (PaceExceeded e) {
      throw ErrorClassifier.classify(operation, e);
    }
  }

  /**
   * The request's overrides: a mapped role's credentials, and how it takes its turn at the pace;
   * null when there are none.
   */
  private AwsRequestOverrideConfiguration overrides(
      AccountRef account, String operation, Turn turn) {
    AwsCredentialsProvider provider = credentials(account, operation);
    if (provider == null && turn == Turn.WAIT) {
      return null;
    }
    AwsRequestOverrideConfiguration.Builder overrides = AwsRequestOverrideConfiguration.builder();
    if (provider != null) {
      overrides.credentialsProvider(provider);
    }
    if (turn != Turn.WAIT) {
      overrides.putExecutionAttribute(Pacing.TURN, turn);
    }
    return overrides.build();
  }

  /**
   * The role's credentials (from the SDK's cache, or a new AssumeRole); null for the operator's.
   */
  private AwsCredentialsProvider credentials(AccountRef account, String operation) {
    AwsCredentialsProvider provider = clients.credentials(account);
    if (provider == null) {
      return null;
    }
    try {
      provider.resolveCredentials();
    } catch (RuntimeException e) {
      AwsCallException failure = ErrorClassifier.classifyAssumeRole(operation, account, e);
      if (failure.errorClass() == ErrorClass.ASSUME_ROLE_FAILED) {
        assumeRoleFailures(registry, account).increment();
      }
      throw failure;
    }
    return provider;
  }

  /**
   * STS AssumeRole calls refused for a mapped role's account. {@link AwsClients} registers it at
   * zero with the account's credentials provider, so that the first refusal is an increase.
   */
  static Counter assumeRoleFailures(MeterRegistry registry, AccountRef account) {
    return Counter.builder("imagebuilder_assume_role_failures_total")
        .description("STS AssumeRole calls refused for a mapped role")
        .tag("account", account.label())
        .register(registry);
  }
}

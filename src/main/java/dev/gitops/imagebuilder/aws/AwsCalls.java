package dev.gitops.imagebuilder.aws;

import java.util.function.Function;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/**
 * Runs one Image Builder call (or a paginated series of them) on the region's client and turns
 * every failure into a classified {@link AwsCallException}. Pacing, retries and metrics happen in
 * the client ({@link RegionClients}); a throttled call says when to come back.
 */
final class AwsCalls {
  private final RegionClients clients;

  AwsCalls(RegionClients clients) {
    this.clients = clients;
  }

  <T> T call(String region, String operation, Function<ImagebuilderClient, T> call) {
    RegionClients.RegionClient target = clients.forRegion(region);
    try {
      return call.apply(target.client());
    } catch (RuntimeException e) {
      AwsCallException failure = ErrorClassifier.classify(operation, e);
      if (failure.errorClass() == ErrorClass.UNAVAILABLE && failure.requestId() == null) {
        clients.release(region, target); // never reached the service: a new client next time
      }
      if (failure.errorClass() != ErrorClass.THROTTLED || failure.retryAfter().isPresent()) {
        throw failure;
      }
      // A 429 from the service: come back at the (now slower) pace.
      throw failure.withRetryAfter(
          target.pacing().retryAfterThrottling(operation), target.pacing().atFloor(operation));
    }
  }
}

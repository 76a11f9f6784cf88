package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clientTokens of successful creates, per account and region, with the request each came with.
 * Not thread-safe: {@link WorkflowStore} guards it with its lock.
 */
final class ClientTokens {

  private record Seen(JsonNode fingerprint, String arn) {}

  private final Map<String, Seen> seen = new HashMap<>();

  /**
   * The ARN a token's first create answered; IdempotentParameterMismatchException when the token
   * came with another request.
   */
  Optional<String> replay(CreateCommand c) {
    Seen first = seen.get(key(c));
    if (first != null && !first.fingerprint().equals(c.fingerprint())) {
      throw new ApiException(
          ErrorType.IdempotentParameterMismatchException,
          "The client token " + c.clientToken() + " was used with different parameters.");
    }
    return Optional.ofNullable(first).map(Seen::arn);
  }

  void record(CreateCommand c, String arn) {
    seen.put(key(c), new Seen(c.fingerprint(), arn));
  }

  void clear() {
    seen.clear();
  }

  private static String key(CreateCommand c) {
    return c.account() + "\n" + c.region() + "\n" + c.clientToken();
  }
}

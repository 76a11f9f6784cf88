package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One routed API call: the operation, the region of its SigV4 scope, who signed it, and its input
 * as one JSON object (body members, query-string members and the {@code resourceArn} path label
 * merged, named as in the model).
 */
record ApiRequest(Operation operation, String region, Caller caller, ObjectNode input) {

  /** The account whose workflows the call sees and changes: the account of its credentials. */
  String account() {
    return caller.account();
  }

  String text(String member) {
    return input.hasNonNull(member) ? input.get(member).asText() : null;
  }
}

package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One routed API call: the operation, the region of its SigV4 scope, and its input as one JSON
 * object (body members, query-string members and the {@code resourceArn} path label merged, named
 * as in the model).
 */
record ApiRequest(Operation operation, String region, ObjectNode input) {

  String text(String member) {
    return input.hasNonNull(member) ? input.get(member).asText() : null;
  }
}

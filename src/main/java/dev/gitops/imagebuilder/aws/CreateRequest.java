package dev.gitops.imagebuilder.aws;

import dev.gitops.imagebuilder.api.WorkflowType;
import java.util.Map;

/**
 * One CreateWorkflow call: the parameters, where it goes (account and region) and its idempotency
 * token.
 */
public record CreateRequest(
    AwsTarget target,
    String name,
    WorkflowType type,
    String semanticVersion,
    String description,
    String changeDescription,
    String data,
    String uri,
    String kmsKeyId,
    Map<String, String> tags,
    String clientToken) {

  public CreateRequest {
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    // Never the workflow body: this may be logged.
    return "CreateWorkflow " + type + " " + name + " " + semanticVersion + " in " + target;
  }
}

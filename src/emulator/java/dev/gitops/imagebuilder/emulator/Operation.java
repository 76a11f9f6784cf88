package dev.gitops.imagebuilder.emulator;

import java.util.Optional;

/**
 * The REST-JSON operations served, routed by method and path exactly as the service model's {@code
 * http} traits.
 */
public enum Operation {
  CreateWorkflow("PUT", "/CreateWorkflow"),
  GetWorkflow("GET", "/GetWorkflow"),
  ListWorkflows("POST", "/ListWorkflows"),
  ListWorkflowBuildVersions("POST", "/ListWorkflowBuildVersions"),
  DeleteWorkflow("DELETE", "/DeleteWorkflow"),
  TagResource("POST", "/tags/"),
  UntagResource("DELETE", "/tags/"),
  ListTagsForResource("GET", "/tags/");

  static final String TAGS_PREFIX = "/tags/";

  private final String method;
  private final String path;

  Operation(String method, String path) {
    this.method = method;
    this.path = path;
  }

  /**
   * Tag operations match on the {@code /tags/} prefix (the ARN is the rest of the path); others
   * exactly.
   */
  static Optional<Operation> route(String method, String rawPath) {
    for (Operation op : values()) {
      boolean pathMatches =
          op.path.equals(TAGS_PREFIX)
              ? rawPath.startsWith(TAGS_PREFIX) && rawPath.length() > TAGS_PREFIX.length()
              : op.path.equals(rawPath);
      if (pathMatches && op.method.equals(method)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}

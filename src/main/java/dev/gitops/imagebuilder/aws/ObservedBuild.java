package dev.gitops.imagebuilder.aws;

import java.util.Map;
import java.util.Optional;

/** One workflow build version as ListWorkflowBuildVersions reports it. */
public record ObservedBuild(
    String arn,
    String semanticVersion,
    int buildNumber,
    boolean deprecated,
    Map<String, String> tags,
    String dateCreated) {

  public ObservedBuild {
    tags = Map.copyOf(tags);
  }

  public Optional<Ownership> owner() {
    return Ownership.of(tags);
  }

  /** The content hash the operator tagged the build with; null for builds it did not create. */
  public String contentHash() {
    return tags.get(Ownership.CONTENT_HASH_TAG);
  }
}

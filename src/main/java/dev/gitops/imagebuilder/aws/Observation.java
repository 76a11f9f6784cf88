package dev.gitops.imagebuilder.aws;

import java.util.List;
import java.util.Optional;

/**
 * What AWS holds for the desired name, type and semantic version: its builds, newest first.
 *
 * @param workflowVersions the version ARNs of the whole workflow, when the observation listed them
 */
public record Observation(List<ObservedBuild> builds, Optional<List<String>> workflowVersions) {
  public Observation {
    builds = List.copyOf(builds);
    workflowVersions = workflowVersions.map(List::copyOf);
  }

  /** Builds of one version, read without listing the workflow's other versions. */
  public Observation(List<ObservedBuild> builds) {
    this(builds, Optional.empty());
  }

  /**
   * True when the workflow's versions were listed and there were none: no other resource can hold
   * it yet, so a create needs no claim check before it.
   */
  public boolean noWorkflow() {
    return workflowVersions.map(List::isEmpty).orElse(false);
  }
}

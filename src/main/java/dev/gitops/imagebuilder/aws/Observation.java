package dev.gitops.imagebuilder.aws;

import java.util.List;

/**
 * What AWS holds for the desired name, type and semantic version: its builds, newest first.
 *
 * @param noWorkflow true when the observation listed the workflow's versions and found none at all,
 *     so no other resource can hold it yet and a create needs no claim check before it
 */
public record Observation(List<ObservedBuild> builds, boolean noWorkflow) {
  public Observation {
    builds = List.copyOf(builds);
  }

  /** Builds of one version, read without listing the workflow's other versions. */
  public Observation(List<ObservedBuild> builds) {
    this(builds, false);
  }
}

package dev.gitops.imagebuilder.aws;

import java.util.List;

/** What AWS holds for the desired name, type and semantic version: its builds, newest first. */
public record Observation(List<ObservedBuild> builds) {
  public Observation {
    builds = List.copyOf(builds);
  }
}

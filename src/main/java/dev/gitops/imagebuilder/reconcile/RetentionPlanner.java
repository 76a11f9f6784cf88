package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.Retention;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.aws.SemanticVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which builds retention deletes. Pure. Only builds the resource owns count, and never the current
 * one. Age alone decides: the build number within a version, the semantic version across versions.
 * Deprecated builds are counted and deleted like any other (deprecation hides a build from new
 * pipelines; it does not make it worth keeping).
 */
public final class RetentionPlanner {
  private RetentionPlanner() {}

  /** The builds to delete, oldest version first and, within one, the lowest build first. */
  public static List<ObservedBuild> expired(
      Retention retention, Ownership owner, String currentArn, List<ObservedBuild> builds) {
    if (retention == null) {
      return List.of();
    }
    Map<String, List<ObservedBuild>> byVersion =
        builds.stream()
            .filter(b -> b.owner().filter(owner::equals).isPresent())
            .collect(
                Collectors.groupingBy(
                    ObservedBuild::semanticVersion,
                    () -> new TreeMap<>(SemanticVersion.ORDER.reversed()),
                    Collectors.toList()));
    Set<String> keptVersions =
        byVersion.keySet().stream()
            .limit(retention.getVersions() == null ? Long.MAX_VALUE : retention.getVersions())
            .collect(Collectors.toSet());
    long perVersion =
        retention.getBuildsPerVersion() == null ? Long.MAX_VALUE : retention.getBuildsPerVersion();
    return byVersion.entrySet().stream()
        .flatMap(
            version -> {
              List<ObservedBuild> newestFirst =
                  version.getValue().stream()
                      .sorted(Comparator.comparingInt(ObservedBuild::buildNumber).reversed())
                      .toList();
              long keep = keptVersions.contains(version.getKey()) ? perVersion : 0;
              return newestFirst.stream().skip(keep);
            })
        .filter(b -> !b.arn().equals(currentArn))
        .sorted(
            Comparator.comparing(ObservedBuild::semanticVersion, SemanticVersion.ORDER)
                .thenComparing(byBuildNumber()))
        .toList();
  }

  private static Comparator<ObservedBuild> byBuildNumber() {
    return Comparator.comparingInt(ObservedBuild::buildNumber);
  }
}

package dev.gitops.imagebuilder.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored workflows, one line of versions and builds per (account, region, type, ARN name), and
 * the lookups the store's rules need. Not thread-safe: {@link WorkflowStore} guards it with its
 * lock and holds the rules.
 */
final class WorkflowLines {

  record LineKey(String account, String region, String type, String slug) {}

  /**
   * All versions of one workflow, and the name it was created with (the ARN keeps only the slug).
   */
  static final class Line {
    String name;
    final TreeMap<SemanticVersion, History> versions = new TreeMap<>();

    Line(String name) {
      this.name = name;
    }

    boolean isEmpty() {
      return versions.values().stream().allMatch(h -> h.builds.isEmpty());
    }
  }

  /** The builds of one version, and the highest build number ever issued for it. */
  static final class History {
    final TreeMap<Long, WorkflowBuild> builds = new TreeMap<>();
    long lastNumber;
  }

  /** Versions ordered numerically, then build numbers. */
  static final Comparator<WorkflowBuild> NEWEST_FIRST =
      Comparator.comparing((WorkflowBuild b) -> SemanticVersion.parseOrNull(b.version()))
          .reversed()
          .thenComparing(Comparator.comparingLong(WorkflowBuild::buildNumber).reversed());

  private final Map<LineKey, Line> lines = new HashMap<>();

  Line get(LineKey key) {
    return lines.get(key);
  }

  Line add(LineKey key, String name) {
    Line line = new Line(name);
    lines.put(key, line);
    return line;
  }

  /** The builds an ARN matches (build, version or wildcard ARN; AWS's own included), unordered. */
  List<WorkflowBuild> matching(WorkflowArn arn) {
    if (AwsOwnedWorkflows.owns(arn)) {
      return new ArrayList<>(AwsOwnedWorkflows.matching(arn));
    }
    List<WorkflowBuild> result = new ArrayList<>();
    Line line = arn.inItsPartition() ? lines.get(keyOf(arn)) : null;
    if (line == null) {
      return result;
    }
    Map<SemanticVersion, History> candidates =
        arn.version().isExact()
            ? line.versions.subMap(exact(arn.version()), true, exact(arn.version()), true)
            : line.versions;
    candidates.forEach(
        (version, history) -> {
          if (arn.version().matches(version)) {
            history.builds.values().stream()
                .filter(b -> arn.build() == null || b.buildNumber() == arn.build())
                .forEach(result::add);
          }
        });
    return result;
  }

  /** The history an exact (build or version) ARN names, or null. */
  History historyOf(WorkflowArn arn) {
    if (!arn.inItsPartition() || !arn.version().isExact()) {
      return null;
    }
    Line line = lines.get(keyOf(arn));
    return line == null ? null : line.versions.get(exact(arn.version()));
  }

  /** The newest build of every name+type+version of an account in a region, sorted. */
  List<WorkflowBuild> newestPerVersion(String account, String region) {
    List<WorkflowBuild> result = new ArrayList<>();
    lines.entrySet().stream()
        .filter(e -> e.getKey().account().equals(account) && e.getKey().region().equals(region))
        .sorted(
            Comparator.comparing((Map.Entry<LineKey, ?> e) -> e.getKey().slug())
                .thenComparing(e -> e.getKey().type()))
        .forEach(
            e ->
                e.getValue().versions.values().stream()
                    .filter(h -> !h.builds.isEmpty())
                    .forEach(h -> result.add(h.builds.lastEntry().getValue())));
    return result;
  }

  /** Every build of {@code account} (null: of every account). */
  List<WorkflowBuild> all(String account) {
    List<WorkflowBuild> all = new ArrayList<>();
    lines.forEach(
        (key, line) -> {
          if (account == null || key.account().equals(account)) {
            line.versions.values().forEach(h -> all.addAll(h.builds.values()));
          }
        });
    return all;
  }

  void clear() {
    lines.clear();
  }

  private static LineKey keyOf(WorkflowArn arn) {
    return new LineKey(arn.account(), arn.region(), arn.type(), arn.slug());
  }

  private static SemanticVersion exact(VersionFilter v) {
    return new SemanticVersion(v.major(), v.minor(), v.patch());
  }
}

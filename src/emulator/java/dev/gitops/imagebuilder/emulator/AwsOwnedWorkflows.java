package dev.gitops.imagebuilder.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The workflows AWS publishes in every region under the account {@code aws} (ListWorkflows owner
 * {@code Amazon}): every account can read them (Get, List, wildcard resolution) and none can change
 * them (delete and tag calls are ForbiddenException).
 */
final class AwsOwnedWorkflows {
  static final String ACCOUNT = "aws";
  static final String OWNER = "Amazon";

  private record Published(String type, String name, String version, String description) {}

  private static final List<Published> CATALOGUE =
      List.of(
          new Published("BUILD", "build-image", "1.0.0", "Builds an image."),
          new Published("BUILD", "build-image", "1.0.1", "Builds an image."),
          new Published("TEST", "test-image", "1.0.0", "Tests an image."),
          new Published("DISTRIBUTION", "distribute-image", "1.0.0", "Distributes an image."));

  private static final Instant PUBLISHED = Instant.parse("2023-11-16T00:00:00Z");

  private AwsOwnedWorkflows() {}

  static boolean owns(WorkflowArn arn) {
    return arn.account().equals(ACCOUNT);
  }

  /** The published builds an ARN of the account {@code aws} matches, in catalogue order. */
  static List<WorkflowBuild> matching(WorkflowArn arn) {
    if (!owns(arn) || !arn.inItsPartition()) {
      return List.of();
    }
    return builds(arn.region()).stream()
        .filter(
            b -> {
              WorkflowArn published = WorkflowArn.parse(b.arn()).orElseThrow();
              return published.type().equals(arn.type())
                  && published.slug().equals(arn.slug())
                  && arn.version().matches(SemanticVersion.parseOrNull(b.version()))
                  && (arn.build() == null || arn.build().equals(published.build()));
            })
        .toList();
  }

  /** One build per published name, type and version, sorted as ListWorkflows sorts. */
  static List<WorkflowBuild> newestPerVersion(String region) {
    return builds(region).stream()
        .sorted(
            Comparator.comparing(WorkflowBuild::name)
                .thenComparing(WorkflowBuild::type)
                .thenComparing(b -> SemanticVersion.parseOrNull(b.version())))
        .toList();
  }

  private static List<WorkflowBuild> builds(String region) {
    return CATALOGUE.stream()
        .map(
            p ->
                new WorkflowBuild(
                    WorkflowArn.of(
                            region,
                            ACCOUNT,
                            p.type(),
                            p.name(),
                            VersionFilter.parseOrNull(p.version()),
                            1L)
                        .toString(),
                    p.name(),
                    p.type(),
                    p.version(),
                    1,
                    p.description(),
                    null,
                    document(p),
                    null,
                    PUBLISHED,
                    Map.of(),
                    List.of(),
                    null,
                    false))
        .toList();
  }

  private static String document(Published p) {
    return "name: "
        + p.name()
        + "\ndescription: "
        + p.description()
        + "\nschemaVersion: 1.0\nsteps:\n  - name: Run\n    action: ExecuteStateMachine\n"
        + "    onFailure: Abort\n";
  }
}

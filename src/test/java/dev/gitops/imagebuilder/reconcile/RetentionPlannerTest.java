package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.Retention;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per retention rule: which owned builds are deleted, and which never are. */
class RetentionPlannerTest {
  private static final String ARN = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/f/";
  private static final Ownership OWNER = new Ownership("ns", "res");

  static Stream<Arguments> rows() {
    List<ObservedBuild> threeBuilds = List.of(ours("1.0.0", 3), ours("1.0.0", 2), ours("1.0.0", 1));
    List<ObservedBuild> threeVersions =
        List.of(
            ours("1.10.0", 2),
            ours("1.10.0", 1),
            ours("1.9.0", 1),
            ours("1.2.0", 2),
            ours("1.2.0", 1));
    return Stream.of(
        row("no retention: nothing", null, ARN + "1.0.0/3", threeBuilds, List.of()),
        row(
            "builds per version: the oldest beyond N, lowest first",
            retention(1, null),
            ARN + "1.0.0/3",
            threeBuilds,
            List.of("1.0.0/1", "1.0.0/2")),
        row(
            "N at or above the count: nothing",
            retention(3, null),
            ARN + "1.0.0/3",
            threeBuilds,
            List.of()),
        row(
            "never the current build, even when it is old (rolled back)",
            retention(1, null),
            ARN + "1.0.0/1",
            threeBuilds,
            List.of("1.0.0/2")),
        row(
            "versions: every build of versions below the M highest, numeric order (1.10 > 1.9)",
            retention(null, 2),
            ARN + "1.10.0/2",
            threeVersions,
            List.of("1.2.0/1", "1.2.0/2")),
        row(
            "both: N per kept version, and nothing of the others",
            retention(1, 2),
            ARN + "1.10.0/2",
            threeVersions,
            List.of("1.2.0/1", "1.2.0/2", "1.10.0/1")),
        row(
            "builds another resource owns or nobody owns do not count and are never deleted",
            retention(1, null),
            ARN + "1.0.0/3",
            List.of(ours("1.0.0", 3), ownedBy("other", "1.0.0", 2), unowned("1.0.0", 1)),
            List.of()),
        row(
            "deprecated builds count and are deleted like any other",
            retention(1, null),
            ARN + "1.0.0/3",
            List.of(ours("1.0.0", 3), deprecated(ours("1.0.0", 2))),
            List.of("1.0.0/2")),
        row(
            "the list's order does not matter",
            retention(1, null),
            ARN + "1.0.0/3",
            List.of(ours("1.0.0", 1), ours("1.0.0", 3), ours("1.0.0", 2)),
            List.of("1.0.0/1", "1.0.0/2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void deletesOnlyExpiredOwnedBuilds(
      String row,
      Retention retention,
      String current,
      List<ObservedBuild> builds,
      List<String> expected) {
    assertThat(RetentionPlanner.expired(retention, OWNER, current, builds))
        .extracting(ObservedBuild::arn)
        .containsExactlyElementsOf(expected.stream().map(e -> ARN + e).toList());
  }

  private static Arguments row(
      String name, Retention r, String current, List<ObservedBuild> builds, List<String> out) {
    return Arguments.of(name, r, current, builds, out);
  }

  private static Retention retention(Integer buildsPerVersion, Integer versions) {
    Retention r = new Retention();
    r.setBuildsPerVersion(buildsPerVersion);
    r.setVersions(versions);
    return r;
  }

  private static ObservedBuild ours(String version, int build) {
    return ownedBy("res", version, build);
  }

  private static ObservedBuild ownedBy(String name, String version, int build) {
    Map<String, String> tags = new HashMap<>();
    tags.put(Ownership.NAMESPACE_TAG, "ns");
    tags.put(Ownership.NAME_TAG, name);
    return new ObservedBuild(
        ARN + version + "/" + build, version, build, false, tags, "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild unowned(String version, int build) {
    return new ObservedBuild(
        ARN + version + "/" + build, version, build, false, Map.of(), "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild deprecated(ObservedBuild b) {
    return new ObservedBuild(
        b.arn(), b.semanticVersion(), b.buildNumber(), true, b.tags(), b.dateCreated());
  }
}

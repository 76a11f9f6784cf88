package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.Observation;
import dev.gitops.imagebuilder.aws.ObservedBuild;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per behaviour of the reconciler issue that the planner decides. */
class PlannerTest {
  private static final String V1 =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/1.0.0/";
  private static final String V2 =
      "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/flow/2.0.0/";
  private static final DesiredWorkflow DESIRED =
      desired("1.0.0", "doc-v1", Map.of("team", "a"), false);
  private static final DesiredWorkflow DESIRED_V2 =
      desired("2.0.0", "doc-v2", Map.of("team", "a"), false);
  private static final DesiredWorkflow ADOPTING =
      desired("1.0.0", "doc-v1", Map.of("team", "a"), true);
  private static final String OTHER_HASH = desired("1.0.0", "older", Map.of(), false).contentHash();

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "1 create: nothing in AWS",
            DESIRED,
            List.of(),
            StatusView.EMPTY,
            new Action.Create(Reason.Created, "")),
        row(
            "2 new version: the new version has no builds yet",
            DESIRED_V2,
            List.of(),
            recorded(1, DESIRED),
            new Action.Create(Reason.Created, "")),
        row(
            "3 same version, changed content: next build",
            DESIRED,
            List.of(ours(1, OTHER_HASH)),
            status(1, OTHER_HASH),
            new Action.Create(Reason.NewBuild, V1 + 1)),
        row(
            "4 nothing changed: record, no write",
            DESIRED,
            List.of(ours(1, DESIRED.contentHash())),
            recorded(1, DESIRED),
            new Action.Record(ours(1, DESIRED.contentHash()), Reason.UpToDate)),
        row(
            "5 crash after create: found by tags, recorded",
            DESIRED,
            List.of(ours(1, DESIRED.contentHash())),
            StatusView.EMPTY,
            new Action.Record(ours(1, DESIRED.contentHash()), Reason.Created)),
        row(
            "5 crash after a new build: recorded as NewBuild",
            DESIRED,
            List.of(ours(2, DESIRED.contentHash()), ours(1, OTHER_HASH)),
            status(1, OTHER_HASH),
            new Action.Record(ours(2, DESIRED.contentHash()), Reason.NewBuild)),
        row(
            "6 unowned build, no opt-in: AlreadyExists",
            DESIRED,
            List.of(unowned(1)),
            StatusView.EMPTY,
            Reason.AlreadyExists),
        row(
            "6 unowned build, opt-in: adopt",
            ADOPTING,
            List.of(unowned(2), unowned(1)),
            StatusView.EMPTY,
            new Action.Adopt(List.of(unowned(2), unowned(1)))),
        row(
            "6 build owned by another resource: OwnedByOther",
            ADOPTING,
            List.of(ownedBy("other", "flow", 1)),
            StatusView.EMPTY,
            Reason.OwnedByOther),
        row(
            "6 same namespace/name, new uid (re-created by Argo CD): still ours",
            DESIRED,
            List.of(withTag(ours(1, DESIRED.contentHash()), Ownership.UID_TAG, "old-uid")),
            recorded(1, DESIRED),
            new Action.Retag(
                new Action.Record(
                    withTag(ours(1, DESIRED.contentHash()), Ownership.UID_TAG, "old-uid"),
                    Reason.UpToDate),
                Map.of(Ownership.UID_TAG, "uid-1"),
                Set.of())),
        row(
            "7 tags changed: retag, ownership tags kept",
            DESIRED,
            List.of(withTag(withTag(ours(1, DESIRED.contentHash()), "team", "b"), "old", "x")),
            recorded(1, DESIRED),
            new Action.Retag(
                new Action.Record(
                    withTag(withTag(ours(1, DESIRED.contentHash()), "team", "b"), "old", "x"),
                    Reason.UpToDate),
                Map.of("team", "a"),
                Set.of("old"))),
        row(
            "8 drift: recorded build deleted out of band, none left",
            DESIRED,
            List.of(),
            recorded(1, DESIRED),
            new Action.Create(Reason.Recreated, V1 + 1)),
        // The create follows build 2, not build 1: following build 1 would repeat the token that
        // made build 2.
        row(
            "8 drift: recorded build deleted, an older one left",
            DESIRED,
            List.of(ours(1, OTHER_HASH)),
            recorded(2, DESIRED),
            new Action.Create(Reason.Recreated, V1 + 2)),
        row(
            "8 rollback: the version's recorded build was deleted while another version was current",
            DESIRED,
            List.of(),
            new StatusView(7L, V2 + 1, "2.0.0", "h2", List.of(V2 + 1, V1 + 1)),
            new Action.Create(Reason.Created, V1 + 1)),
        row(
            "rollback to a version with a recorded build: RolledBack, no create",
            DESIRED,
            List.of(ours(1, DESIRED.contentHash())),
            new StatusView(7L, V2 + 1, "2.0.0", "h2", List.of(V2 + 1, V1 + 1)),
            new Action.Record(ours(1, DESIRED.contentHash()), Reason.RolledBack)),
        row(
            "rollback to a lower version whose build left the bounded history: RolledBack",
            DESIRED,
            List.of(ours(1, DESIRED.contentHash())),
            new StatusView(7L, V2 + 1, "2.0.0", "h2", List.of(V2 + 1)),
            new Action.Record(ours(1, DESIRED.contentHash()), Reason.RolledBack)),
        row(
            "rollback with other content than the version's newest build: a new build",
            DESIRED,
            List.of(ours(1, OTHER_HASH)),
            new StatusView(7L, V2 + 1, "2.0.0", "h2", List.of(V2 + 1, V1 + 1)),
            new Action.Create(Reason.NewBuild, V1 + 1)),
        row(
            "8 drift: build deprecated, reported",
            DESIRED,
            List.of(deprecated(ours(1, DESIRED.contentHash()))),
            recorded(1, DESIRED),
            new Action.Record(deprecated(ours(1, DESIRED.contentHash())), Reason.Deprecated)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plansOneAction(
      String row,
      DesiredWorkflow desired,
      List<ObservedBuild> builds,
      StatusView status,
      Object expected) {
    Action action = new Planner().plan(desired, new Observation(builds), status);
    if (expected instanceof Reason reason) {
      assertThat(action).isInstanceOf(Action.Conflict.class);
      assertThat(((Action.Conflict) action).reason()).isEqualTo(reason);
    } else {
      assertThat(action).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "supersedes {0}: build {1}")
  @MethodSource("expectedBuilds")
  void aCreateExpectsTheBuildAfterTheOneItFollows(String supersedes, int build, String arn) {
    Action.Create create = new Action.Create(Reason.NewBuild, supersedes);
    assertThat(create.expectedBuild()).isEqualTo(build);
    assertThat(create.expectedArn()).isEqualTo(arn);
  }

  static Stream<Arguments> expectedBuilds() {
    return Stream.of(
        Arguments.of("", 1, null),
        Arguments.of(V1 + 2, 3, V1 + 3),
        Arguments.of(V1 + 9, 10, V1 + 10));
  }

  @org.junit.jupiter.api.Test
  void conflictMessagesSayWhatToDo() {
    Action alreadyExists =
        new Planner().plan(DESIRED, new Observation(List.of(unowned(1))), StatusView.EMPTY);
    assertThat(((Action.Conflict) alreadyExists).message())
        .contains(V1 + 1)
        .contains("kubectl annotate -n ns ibw res imagebuilder.gitops.dev/adopt=true");
    Action other =
        new Planner()
            .plan(
                DESIRED, new Observation(List.of(ownedBy("team-b", "flow", 1))), StatusView.EMPTY);
    assertThat(((Action.Conflict) other).message()).contains("team-b/flow").contains(V1 + 1);
  }

  private static Arguments row(
      String name, DesiredWorkflow d, List<ObservedBuild> builds, StatusView s, Object expected) {
    return Arguments.of(name, d, builds, s, expected);
  }

  static DesiredWorkflow desired(
      String version, String data, Map<String, String> tags, boolean adopt) {
    return desired(version, data, tags, adopt, ManagementPolicy.Manage);
  }

  static DesiredWorkflow desired(
      String version,
      String data,
      Map<String, String> tags,
      boolean adopt,
      ManagementPolicy policy) {
    return new DesiredWorkflow(
        "ns",
        "res",
        "uid-1",
        7,
        "flow",
        WorkflowType.BUILD,
        version,
        null,
        null,
        data,
        null,
        null,
        tags,
        "us-east-1",
        DeletionPolicy.Delete,
        adopt,
        policy,
        AccountRef.OWN);
  }

  private static ObservedBuild ours(int build, String hash) {
    Map<String, String> tags = new HashMap<>(DESIRED.buildTags());
    tags.put(Ownership.CONTENT_HASH_TAG, hash);
    return new ObservedBuild(V1 + build, "1.0.0", build, false, tags, "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild unowned(int build) {
    return new ObservedBuild(
        V1 + build, "1.0.0", build, false, Map.of("team", "a"), "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild ownedBy(String namespace, String name, int build) {
    return new ObservedBuild(
        V1 + build,
        "1.0.0",
        build,
        false,
        Map.of(Ownership.NAMESPACE_TAG, namespace, Ownership.NAME_TAG, name),
        "2026-01-01T00:00:00.000Z");
  }

  private static ObservedBuild withTag(ObservedBuild b, String key, String value) {
    Map<String, String> tags = new HashMap<>(b.tags());
    tags.put(key, value);
    return new ObservedBuild(
        b.arn(), b.semanticVersion(), b.buildNumber(), b.deprecated(), tags, b.dateCreated());
  }

  private static ObservedBuild deprecated(ObservedBuild b) {
    return new ObservedBuild(
        b.arn(), b.semanticVersion(), b.buildNumber(), true, b.tags(), b.dateCreated());
  }

  private static StatusView recorded(int build, DesiredWorkflow d) {
    return new StatusView(7L, V1 + build, "1.0.0", d.contentHash(), List.of(V1 + build));
  }

  private static StatusView status(int build, String hash) {
    return new StatusView(7L, V1 + build, "1.0.0", hash, List.of(V1 + build));
  }
}

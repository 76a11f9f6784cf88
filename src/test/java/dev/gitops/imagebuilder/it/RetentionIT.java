package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.HistoryEntry;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.Retention;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Old builds go: retention keeps the newest builds and versions a resource owns, never the current
 * build, never one in use (listed, tried again at the drift interval); deletion of the resource
 * tries every build and names every blocked one; a rollback is reported as one.
 */
class RetentionIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Duration.ofSeconds(4), 50);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void retentionKeepsTheNewestBuildsAndRetriesOneInUseAtTheDriftInterval() {
    ImageBuilderWorkflow resource = workflow("kept-two", "kept-two-flow", "1.0.0", document("1"));
    resource.getSpec().setRetention(retention(2, null));
    workflows.create(resource);
    String first =
        workflows
            .awaitReady("kept-two", "True", "Created")
            .getStatus()
            .getWorkflowBuildVersionArn();
    workflows.edit("kept-two", s -> s.setData(document("2")));
    awaitBuild("kept-two", 2);
    emu.markInUse(first, true);

    // Build 3 is created although build 1, now due, is in use: pruning never holds a build back.
    workflows.edit("kept-two", s -> s.setData(document("3")));
    ImageBuilderWorkflow blocked =
        workflows.await(
            "kept-two", r -> buildOf(r) == 3 && r.getStatus().getBlockedBuilds() != null);
    assertThat(blocked.getStatus().getBlockedBuilds()).containsExactly(first);
    assertThat(buildNumbers("kept-two-flow")).containsExactlyInAnyOrder(1L, 2L, 3L);

    workflows.edit("kept-two", s -> s.setData(document("4")));
    ImageBuilderWorkflow pruned =
        workflows.await(
            "kept-two", r -> buildOf(r) == 4 && buildNumbers("kept-two-flow").size() == 3);
    assertThat(buildNumbers("kept-two-flow")).containsExactlyInAnyOrder(1L, 3L, 4L);
    assertThat(pruned.getStatus().getHistory())
        .filteredOn(h -> Boolean.TRUE.equals(h.getPruned()))
        .extracting(HistoryEntry::getWorkflowBuildVersionArn)
        .containsExactly(first.replaceAll("/1$", "/2"));

    emu.markInUse(first, false); // freed: the next drift check deletes it, with no spec change
    ImageBuilderWorkflow freed =
        workflows.await("kept-two", r -> r.getStatus().getBlockedBuilds() == null);
    assertThat(buildNumbers("kept-two-flow")).containsExactlyInAnyOrder(3L, 4L);
    assertThat(freed.getStatus().getHistory())
        .filteredOn(h -> Boolean.TRUE.equals(h.getPruned()))
        .hasSize(2);
    assertThat(events("kept-two", "Pruned")).isNotEmpty();
  }

  @Test
  void retentionOfVersionsDeletesEveryBuildOfLowerVersions() {
    ImageBuilderWorkflow resource =
        workflow("one-version", "one-version-flow", "1.0.0", document("1"));
    workflows.create(resource);
    workflows.awaitReady("one-version", "True", "Created");
    workflows.edit("one-version", s -> s.setData(document("1b")));
    awaitBuild("one-version", 2);
    workflows.edit(
        "one-version",
        s -> {
          s.setSemanticVersion("1.10.0");
          s.setData(document("2"));
          s.setRetention(retention(null, 1));
        });

    // Status is written after the pruning round, so wait for both.
    workflows.await(
        "one-version",
        r ->
            r.getStatus().getWorkflowBuildVersionArn().endsWith("/1.10.0/1")
                && versions("one-version-flow").equals(List.of("1.10.0")));
  }

  @Test
  void rollingBackToAVersionWithABuildRecordsItAsRolledBack() {
    workflows.create(workflow("back", "back-flow", "1.0.0", document("1")));
    String v1 =
        workflows.awaitReady("back", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    workflows.edit(
        "back",
        s -> {
          s.setSemanticVersion("2.0.0");
          s.setData(document("2"));
        });
    workflows.await("back", r -> r.getStatus().getWorkflowBuildVersionArn().endsWith("/2.0.0/1"));

    workflows.edit(
        "back",
        s -> {
          s.setSemanticVersion("1.0.0");
          s.setData(document("1"));
        });

    ImageBuilderWorkflow back = workflows.awaitReady("back", "True", "RolledBack");
    assertThat(back.getStatus().getWorkflowBuildVersionArn()).isEqualTo(v1);
    assertThat(Workflows.builds(emu, "back-flow")).hasSize(2);
    assertThat(events("back", "RolledBack")).anyMatch(m -> m.contains(v1));
  }

  @Test
  void deletionTriesEveryOwnedBuildAndNamesEveryOneInUse() {
    workflows.create(workflow("busy", "busy-flow", "1.0.0", document("1")));
    String b1 =
        workflows.awaitReady("busy", "True", "Created").getStatus().getWorkflowBuildVersionArn();
    workflows.edit("busy", s -> s.setData(document("2")));
    String b2 = awaitBuild("busy", 2).getStatus().getWorkflowBuildVersionArn();
    workflows.edit("busy", s -> s.setData(document("3")));
    awaitBuild("busy", 3);
    emu.markInUse(b1, true);
    emu.markInUse(b2, true);

    workflows.named("busy").delete();

    ImageBuilderWorkflow blocked = workflows.awaitReason("busy", "DeleteBlocked");
    assertThat(Workflows.condition(blocked, "Ready").orElseThrow().getMessage()).contains(b1, b2);
    assertThat(blocked.getStatus().getBlockedBuilds()).containsExactlyInAnyOrder(b1, b2);
    assertThat(buildNumbers("busy-flow")).containsExactlyInAnyOrder(1L, 2L); // build 3 went

    emu.markInUse(b1, false);
    await().atMost(Workflows.TIMEOUT).until(() -> buildNumbers("busy-flow").equals(List.of(2L)));
    assertThat(workflows.get("busy")).isNotNull();
    emu.markInUse(b2, false);
    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("busy") == null);
    assertThat(Workflows.builds(emu, "busy-flow")).isEmpty();
  }

  private ImageBuilderWorkflow awaitBuild(String name, int build) {
    return workflows.await(name, r -> buildOf(r) == build);
  }

  private static int buildOf(ImageBuilderWorkflow r) {
    return r.getStatus() == null || r.getStatus().getBuildVersion() == null
        ? 0
        : r.getStatus().getBuildVersion();
  }

  private List<Long> buildNumbers(String workflowName) {
    return Workflows.builds(emu, workflowName).stream()
        .map(WorkflowBuild::buildNumber)
        .sorted()
        .toList();
  }

  private List<String> versions(String workflowName) {
    return Workflows.builds(emu, workflowName).stream()
        .map(WorkflowBuild::version)
        .distinct()
        .toList();
  }

  private List<String> events(String resource, String reason) {
    return kube.client().v1().events().inNamespace(kube.namespace()).list().getItems().stream()
        .filter(
            e -> reason.equals(e.getReason()) && resource.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getMessage())
        .toList();
  }

  private static Retention retention(Integer buildsPerVersion, Integer versions) {
    Retention r = new Retention();
    r.setBuildsPerVersion(buildsPerVersion);
    r.setVersions(versions);
    return r;
  }
}

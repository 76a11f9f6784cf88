package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas of the real {@code Main}, each in its own JVM, sharing one Lease. The leader dies by
 * SIGKILL, so it never hands the Lease back: the other replica takes it once it expires, reconciles
 * what is created afterwards, and no workflow build is created twice.
 */
class LeaderFailoverIT {
  private static final String LEASE = "imagebuilder-workflow-operator";

  /** The operator uses JOSDK's default; no setting changes it. */
  private static final Duration LEASE_DURATION =
      LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;

  /** Room for a loaded 2-core machine: this bounds correctness, it does not measure speed. */
  private static final Duration MARGIN = Duration.ofSeconds(20);

  private static final Pattern ONE_CREATE =
      Pattern.compile(
          "imagebuilder_aws_calls_total\\{account=\"operator\",operation=\"CreateWorkflow\",outcome=\"[a-z_]+\"} 1\\.0");
  private static final Pattern IDLE =
      Pattern.compile(
          "operator_sdk_reconciliations_queue_size_imagebuilderworkflow\\{[^}]*} 0\\.0");

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static Workflows workflows;
  static final Deque<MainProcess> replicas = new ArrayDeque<>();

  @BeforeAll
  static void start() {
    Workflows.installCrds(kube);
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @AfterAll
  static void stop() throws Exception {
    while (!replicas.isEmpty()) {
      replicas.pop().close();
    }
    emu.close();
  }

  private static MainProcess replica(String hostname) throws Exception {
    MainProcess replica = MainProcess.start(kube, emu, Map.of("HOSTNAME", hostname));
    replicas.push(replica);
    return replica;
  }

  private static String holder() {
    Lease lease = kube.client().leases().inNamespace(kube.namespace()).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static String metrics(MainProcess replica) throws Exception {
    return replica.get("/metrics").body();
  }

  @Test
  void whenTheLeaderIsKilledTheOtherTakesTheLeaseAndReconcilesWithoutDuplicateBuilds()
      throws Exception {
    MainProcess a = replica("replica-a");
    MainProcess b = replica("replica-b");
    String holder =
        await().atMost(Duration.ofSeconds(60)).until(LeaderFailoverIT::holder, h -> h != null);
    assertThat(holder).isIn(a.identity(), b.identity());
    MainProcess leader = holder.equals(a.identity()) ? a : b;
    MainProcess survivor = leader == a ? b : a;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> metrics(leader).contains("imagebuilder_leader 1.0"));
    assertThat(metrics(survivor)).contains("imagebuilder_leader 0.0");

    workflows.create(workflow("fo-before", "fo-before-flow", "1.0.0", document("before")));
    workflows.awaitReady("fo-before", "True", "Created");
    assertThat(metrics(leader)).containsPattern(ONE_CREATE);
    assertThat(metrics(survivor))
        .as("the standby made no AWS calls")
        .doesNotContain("imagebuilder_aws_calls_total");

    long killedAt = System.nanoTime();
    assertThat(leader.process().destroyForcibly().waitFor()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(holder())
        .as("a killed leader does not release its Lease")
        .isEqualTo(leader.identity());

    await("the Lease held by the survivor " + survivor.identity())
        .atMost(LEASE_DURATION.plus(MARGIN))
        .pollInterval(Duration.ofMillis(200))
        .until(LeaderFailoverIT::holder, survivor.identity()::equals);
    System.out.printf(
        "Lease taken over %.1f s after SIGKILL (lease duration %d s)%n",
        (System.nanoTime() - killedAt) / 1e9, LEASE_DURATION.toSeconds());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> metrics(survivor).contains("imagebuilder_leader 1.0"));

    workflows.create(workflow("fo-after", "fo-after-flow", "1.0.0", document("after")));
    var ready = workflows.awaitReady("fo-after", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/fo-after-flow/1.0.0/1");
    // Its first pass over fo-before began at takeover; once nothing is in flight, that pass is over
    // too.
    await().atMost(Workflows.TIMEOUT).until(() -> IDLE.matcher(metrics(survivor)).find());
    assertThat(metrics(survivor))
        .as("the survivor created only the new one")
        .containsPattern(ONE_CREATE);
    assertThat(survivor.process().isAlive()).isTrue();

    assertThat(emu.counters().total("CreateWorkflow")).isEqualTo(2);
    assertThat(emu.builds()).extracting(WorkflowBuild::arn).doesNotHaveDuplicates();
    assertThat(emu.builds())
        .extracting(build -> build.name() + "/" + build.version())
        .containsExactlyInAnyOrder("fo-before-flow/1.0.0", "fo-after-flow/1.0.0");
  }
}

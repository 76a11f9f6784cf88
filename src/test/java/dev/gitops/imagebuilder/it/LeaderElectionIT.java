package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.aws.AwsClients;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.reconcile.ReconcilerFactory;
import dev.gitops.imagebuilder.runtime.OperatorRuntime;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator replicas with the real reconciler, one Lease: only the leader calls AWS; when it
 * stops, the other takes over and carries on; no workflow build is ever created twice.
 */
class LeaderElectionIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static Workflows workflows;
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  @BeforeAll
  static void start() {
    Workflows.installCrds(kube);
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    workflows = new Workflows(kube.client(), kube.namespace());
  }

  @AfterEach
  void stopReplicas() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
  }

  record Replica(
      OperatorRuntime runtime, PrometheusMeterRegistry registry, AtomicInteger lostLeadership) {
    double creates() {
      var counter =
          registry
              .find("imagebuilder_aws_calls_total")
              .tag("operation", "CreateWorkflow")
              .counters();
      return counter.stream().mapToDouble(c -> c.count()).sum();
    }
  }

  private Replica replica() throws Exception {
    var config =
        new OperatorConfig(
            emu.region(),
            Optional.of(emu.endpoint()),
            Set.of(kube.namespace()),
            DeletionPolicy.Delete,
            Duration.ofMinutes(10),
            2,
            50,
            0,
            OperatorConfig.LogFormat.PLAIN,
            true,
            "leader-election-it",
            Optional.of(kube.namespace()),
            Set.of(),
            Optional.empty(),
            false);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(kube.kubeconfig().toFile()))
            .build();
    toClose.push(client);
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var clients =
        new AwsClients(
            region -> EmulatorClients.builder(emu, region),
            () -> EmulatorClients.sts(emu),
            config.awsCallsPerSecond(),
            registry);
    toClose.push(clients::close);
    var lost = new AtomicInteger();
    OperatorRuntime runtime =
        OperatorRuntime.start(
            config,
            client,
            registry,
            (operator, c, r) ->
                ReconcilerFactory.register(operator, c, clients, r, Clock.systemUTC()),
            InetAddress.getLoopbackAddress(),
            lost::incrementAndGet);
    toClose.push(runtime);
    return new Replica(runtime, registry, lost);
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWithoutDuplicateBuilds() throws Exception {
    Replica first = replica();
    await().atMost(Duration.ofSeconds(60)).until(first.runtime()::isLeading);
    Replica second = replica();
    await().atMost(Duration.ofSeconds(60)).until(second.runtime()::isReady);

    for (String name : new String[] {"le-a", "le-b", "le-c"}) {
      workflows.create(workflow(name, name + "-flow", "1.0.0", document(name)));
    }
    for (String name : new String[] {"le-a", "le-b", "le-c"}) {
      workflows.awaitReady(name, "True", "Created");
    }
    assertThat(first.creates()).isEqualTo(3);
    assertThat(second.creates()).as("the standby made no AWS writes").isZero();
    assertThat(second.runtime().isLeading()).isFalse();

    first.runtime().close();
    await().atMost(Duration.ofSeconds(60)).until(second.runtime()::isLeading);

    // The new leader re-reads everything: the three are up to date, so it creates nothing for them.
    workflows.edit(
        "le-a",
        spec -> {
          spec.setSemanticVersion("1.1.0");
          spec.setData(document("le-a v2"));
        });
    workflows.create(workflow("le-d", "le-d-flow", "1.0.0", document("le-d")));
    workflows.awaitReady("le-d", "True", "Created");
    workflows.await(
        "le-a",
        r ->
            r.getStatus() != null
                && "1.1.0".equals(r.getStatus().getSemanticVersion())
                && Workflows.has(r, "Ready", "True", "Created"));
    assertThat(second.creates()).isEqualTo(2);

    assertThat(emu.builds()).extracting(WorkflowBuild::arn).doesNotHaveDuplicates().hasSize(5);
    assertThat(emu.builds())
        .extracting(b -> b.name() + "/" + b.version())
        .containsExactlyInAnyOrder(
            "le-a-flow/1.0.0",
            "le-a-flow/1.1.0",
            "le-b-flow/1.0.0",
            "le-c-flow/1.0.0",
            "le-d-flow/1.0.0");
    assertThat(first.lostLeadership().get() + second.lostLeadership().get()).isZero();
  }
}

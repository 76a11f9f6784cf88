package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.config.OperatorConfig.LogFormat;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime around any reconciler, on the real API server: two replicas with leader election,
 * only the leader reconciles, both are ready, a graceful stop hands the Lease over, a lost Lease is
 * reported (Main exits on it), and the HTTP port serves health and the workflow gauges. A recording
 * reconciler stands in for the real one so these properties are proven independently of AWS.
 */
class OperatorRuntimeIT {
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>(); // closed last-in first
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void installCrd() {
    kube.installCrd(Path.of("crds/imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml"));
    kube.installCrd(Path.of("crds/imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml"));
  }

  @AfterEach
  void stopAll() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
  }

  /** Counts what one replica reconciled. */
  static final class RecordingReconciler implements Reconciler<ImageBuilderWorkflow> {
    final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public UpdateControl<ImageBuilderWorkflow> reconcile(
        ImageBuilderWorkflow w, Context<ImageBuilderWorkflow> c) {
      seen.add(w.getMetadata().getName() + "@" + w.getMetadata().getGeneration());
      return UpdateControl.noUpdate();
    }
  }

  record Replica(
      OperatorRuntime runtime, RecordingReconciler reconciler, AtomicInteger lostLeadership) {}

  private Replica start(String leaseName) throws Exception {
    var reconciler = new RecordingReconciler();
    var lost = new AtomicInteger();
    return new Replica(start(leaseName, reconciler, lost), reconciler, lost);
  }

  private OperatorRuntime start(
      String leaseName, Reconciler<ImageBuilderWorkflow> reconciler, AtomicInteger lost)
      throws Exception {
    var config =
        new OperatorConfig(
            "us-east-1",
            Optional.empty(),
            Set.of(kube.namespace()),
            DeletionPolicy.Delete,
            Duration.ofMinutes(10),
            2,
            5,
            0,
            LogFormat.PLAIN,
            true,
            leaseName,
            Optional.of(kube.namespace()),
            Set.of(),
            Optional.empty(),
            false);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(kube.kubeconfig().toFile()))
            .build();
    toClose.push(client);
    OperatorRuntime runtime =
        OperatorRuntime.start(
            config,
            client,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            (operator, c, registry) ->
                operator.register(reconciler, o -> o.settingNamespaces(c.watchedNamespaces())),
            InetAddress.getLoopbackAddress(),
            lost::incrementAndGet);
    toClose.push(runtime);
    return runtime;
  }

  private ImageBuilderWorkflow create(String name) {
    var spec = new ImageBuilderWorkflowSpec();
    spec.setType(WorkflowType.BUILD);
    spec.setSemanticVersion("1.0.0");
    spec.setData("name: " + name + "\nschemaVersion: 1.0\nsteps: []\n");
    var w = new ImageBuilderWorkflow();
    w.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(kube.namespace()).build());
    w.setSpec(spec);
    return kube.client().resource(w).create();
  }

  private HttpResponse<String> get(OperatorRuntime runtime, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onlyTheLeaderReconcilesAndAGracefulStopHandsTheLeaseOver() throws Exception {
    Replica first = start("runtime-it-handover");
    await().atMost(Duration.ofSeconds(60)).until(first.runtime()::isLeading);
    Replica second = start("runtime-it-handover");
    assertThat(second.runtime().isReady()).isTrue();
    assertThat(get(second.runtime(), "/readyz").statusCode())
        .as("a standby is ready")
        .isEqualTo(200);
    assertThat(second.runtime().isLeading()).isFalse();

    create("alpha");
    await().atMost(Duration.ofSeconds(60)).until(() -> first.reconciler().seen.contains("alpha@1"));
    // The standby's cache holds the resource (its informers run) but it did not reconcile it.
    // Other tests of this class share the namespace, so look for this resource, not a count.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                second.runtime().cachedWorkflows().stream()
                    .anyMatch(w -> w.getMetadata().getName().equals("alpha")));
    assertThat(second.reconciler().seen).isEmpty();

    first.runtime().close();
    var lease =
        kube.client().leases().inNamespace(kube.namespace()).withName("runtime-it-handover").get();
    assertThat(lease.getSpec().getHolderIdentity())
        .as("released on stop")
        .isNotEqualTo(first.runtime().identity());
    await().atMost(Duration.ofSeconds(60)).until(second.runtime()::isLeading);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> second.reconciler().seen.contains("alpha@1"));
    create("beta");
    await().atMost(Duration.ofSeconds(60)).until(() -> second.reconciler().seen.contains("beta@1"));
    assertThat(first.reconciler().seen).doesNotContain("beta@1");
    assertThat(first.lostLeadership().get() + second.lostLeadership().get())
        .as("a deliberate stop is not a lost lease")
        .isZero();
  }

  @Test
  void aLeaderWhoseLeaseIsTakenReportsTheLoss() throws Exception {
    Replica replica = start("runtime-it-stolen");
    await().atMost(Duration.ofSeconds(60)).until(replica.runtime()::isLeading);
    // Someone else holds the Lease now (as after a partition): renewals fail until the deadline.
    // The
    // leader renews every few seconds, so a take-over can meet a conflict: try again until it
    // lands.
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreException(KubernetesClientException.class)
        .until(
            () -> {
              kube.client()
                  .leases()
                  .inNamespace(kube.namespace())
                  .withName("runtime-it-stolen")
                  .edit(
                      lease -> {
                        lease.getSpec().setHolderIdentity("intruder");
                        lease.getSpec().setRenewTime(ZonedDateTime.now());
                        lease.getSpec().setLeaseDurationSeconds(3600);
                        return lease;
                      });
              return true;
            });
    await().atMost(Duration.ofSeconds(60)).until(() -> replica.lostLeadership().get() == 1);
    assertThat(replica.runtime().isLeading()).isFalse();
  }

  /**
   * Holds its first reconcile until released; records whether it ran to its end or was interrupted.
   */
  static final class BlockingReconciler implements Reconciler<ImageBuilderWorkflow> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean finished = new AtomicBoolean();
    final AtomicBoolean interrupted = new AtomicBoolean();

    @Override
    public UpdateControl<ImageBuilderWorkflow> reconcile(
        ImageBuilderWorkflow w, Context<ImageBuilderWorkflow> c) {
      entered.countDown();
      try {
        release.await();
        finished.set(true);
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt();
      }
      return UpdateControl.noUpdate();
    }
  }

  @Test
  void aGracefulStopLetsTheInFlightReconcileFinish() throws Exception {
    var slow = new BlockingReconciler();
    OperatorRuntime runtime = start("runtime-it-inflight", slow, new AtomicInteger());
    await().atMost(Duration.ofSeconds(60)).until(runtime::isLeading);
    create("delta");
    assertThat(slow.entered.await(30, TimeUnit.SECONDS)).as("reconcile started").isTrue();

    CompletableFuture<Void> stop = CompletableFuture.runAsync(runtime::close);
    // The reconcile ends only a second into the stop: close() returning earlier would leave it
    // unfinished.
    Thread.sleep(1000);
    slow.release.countDown();
    stop.get(60, TimeUnit.SECONDS);

    assertThat(slow.finished.get())
        .as("the in-flight reconcile ran to its end before close() returned")
        .isTrue();
    assertThat(slow.interrupted.get()).as("and was not interrupted").isFalse();
  }

  @Test
  void servesHealthReadinessAndTheWorkflowGauges() throws Exception {
    Replica replica = start("runtime-it-metrics");
    await().atMost(Duration.ofSeconds(60)).until(replica.runtime()::isLeading);
    create("gamma");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                replica.runtime().cachedWorkflows().stream()
                    .anyMatch(w -> w.getMetadata().getName().equals("gamma")));

    assertThat(get(replica.runtime(), "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(replica.runtime(), "/readyz").statusCode()).isEqualTo(200);
    String metrics = get(replica.runtime(), "/metrics").body();
    long inCache = replica.runtime().cachedWorkflows().size();
    assertThat(metrics)
        .contains(
            "imagebuilder_workflows{condition=\"Ready\",status=\"Unknown\"} " + inCache + ".0")
        .contains("imagebuilder_leader 1.0")
        .contains("operator_sdk_"); // JOSDK's Micrometer metrics are wired in

    replica.runtime().close();
    assertThat(replica.runtime().isReady()).as("not ready once stopping").isFalse();
  }
}

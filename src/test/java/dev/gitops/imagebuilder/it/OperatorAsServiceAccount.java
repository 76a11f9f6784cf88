package dev.gitops.imagebuilder.it;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.aws.AwsClients;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.reconcile.ReconcilerFactory;
import dev.gitops.imagebuilder.runtime.OperatorRuntime;
import dev.gitops.imagebuilder.testing.DeployRbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The whole operator runtime (leader election on, Lease in the operator namespace) with the real
 * reconciler and AWS at the emulator, talking to Kubernetes through {@code client}: in the RBAC
 * tests, a client the API server authorizes as a ServiceAccount.
 */
final class OperatorAsServiceAccount implements AutoCloseable {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final OperatorRuntime runtime;
  private final AwsClients clients;

  OperatorAsServiceAccount(
      KubernetesClient client, ImageBuilderEmulator emu, String watchedNamespace)
      throws IOException {
    this(client, emu, watchedNamespace, Duration.ofMinutes(10));
  }

  OperatorAsServiceAccount(
      KubernetesClient client,
      ImageBuilderEmulator emu,
      String watchedNamespace,
      Duration driftInterval)
      throws IOException {
    var config =
        new OperatorConfig(
            emu.region(),
            Optional.of(emu.endpoint()),
            Set.of(watchedNamespace),
            DeletionPolicy.Delete,
            driftInterval,
            2,
            50,
            0,
            OperatorConfig.LogFormat.PLAIN,
            true,
            DeployRbac.LEASE,
            Optional.of(DeployRbac.NAMESPACE),
            Set.of(),
            Optional.empty(),
            false);
    clients =
        new AwsClients(
            region -> EmulatorClients.builder(emu, region),
            () -> EmulatorClients.sts(emu),
            config.awsCallsPerSecond(),
            registry);
    try {
      runtime =
          OperatorRuntime.start(
              config,
              client,
              registry,
              (operator, c, r) ->
                  ReconcilerFactory.register(operator, c, clients, r, Clock.systemUTC()),
              InetAddress.getLoopbackAddress(),
              () -> {});
    } catch (IOException | RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  double reconcileFailures() {
    return registry.find("operator.sdk.controllers.execution.reconcile.failure").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Override
  public void close() {
    runtime.close();
    clients.close();
  }
}

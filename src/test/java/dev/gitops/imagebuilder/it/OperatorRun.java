package dev.gitops.imagebuilder.it;

import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.aws.AwsClients;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.reconcile.ReconcilerFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The operator running in this JVM: a JOSDK {@link Operator} on the test API server's client with
 * the reconciler registered through the same factory Main uses, AWS pointed at the emulator.
 */
final class OperatorRun implements AutoCloseable {
  final OperatorConfig config;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AwsClients clients;
  private final Operator operator;

  OperatorRun(KubernetesClient client, ImageBuilderEmulator emu, OperatorConfig config) {
    this(
        client,
        region -> EmulatorClients.builder(emu, region),
        () -> EmulatorClients.sts(emu),
        config);
  }

  /** The same with each region's client built by {@code builders} (e.g. one emulator each). */
  OperatorRun(
      KubernetesClient client,
      Function<String, ImagebuilderClientBuilder> builders,
      Supplier<StsClient> sts,
      OperatorConfig config) {
    this.config = config;
    this.clients = new AwsClients(builders, sts, config.awsCallsPerSecond(), registry);
    this.operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(config.maxConcurrentReconciles()));
    ReconcilerFactory.register(operator, config, clients, registry, Clock.systemUTC());
    operator.start();
  }

  /** Test settings: one namespace, a short drift interval, a generous call rate. */
  static OperatorConfig config(
      ImageBuilderEmulator emu, String namespace, Duration drift, double callsPerSecond) {
    return config(emu, Set.of(namespace), drift, callsPerSecond);
  }

  /** The same, watching several namespaces. */
  static OperatorConfig config(
      ImageBuilderEmulator emu, Set<String> namespaces, Duration drift, double callsPerSecond) {
    return new OperatorConfig(
        emu.region(),
        Optional.of(emu.endpoint()),
        namespaces,
        DeletionPolicy.Delete,
        drift,
        4,
        callsPerSecond,
        0,
        OperatorConfig.LogFormat.PLAIN,
        false,
        "unused",
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        false);
  }

  /** Total AWS calls the gateway recorded for one operation and outcome. */
  double calls(String operation, String outcome) {
    return registry
        .find("imagebuilder_aws_calls_total")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** The same, for the calls made with one account's credentials (its id, or "operator"). */
  double calls(String account, String operation, String outcome) {
    var counter =
        registry
            .find("imagebuilder_aws_calls_total")
            .tag("account", account)
            .tag("operation", operation)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    operator.stop();
    clients.close();
  }
}

package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.accounts.AccountReconciler;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.aws.AwsClients;
import dev.gitops.imagebuilder.aws.ImageBuilderGateway;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.status.StatusWriter;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds the reconciler with its collaborators and registers it with a JOSDK {@link Operator}. */
public final class ReconcilerFactory {
  private ReconcilerFactory() {}

  /**
   * Production wiring: AWS clients from the SDK's default credentials chain and the configured
   * endpoint override; AWS call metrics and paces on {@code registry}. Watches {@link
   * OperatorConfig#watchedNamespaces()} (all when empty).
   */
  public static RegisteredController<ImageBuilderWorkflow> register(
      Operator operator, OperatorConfig config, MeterRegistry registry) {
    AwsClients clients = AwsClients.fromConfig(config, registry);
    clients.prepare(config.defaultRegion());
    return register(operator, config, clients, registry, Clock.systemUTC());
  }

  /**
   * The same with the AWS clients supplied (tests point them at the emulator). Registers the
   * controller of the account mappings' status too.
   */
  public static RegisteredController<ImageBuilderWorkflow> register(
      Operator operator,
      OperatorConfig config,
      AwsClients clients,
      MeterRegistry registry,
      Clock clock) {
    operator.register(
        new AccountReconciler(clock),
        o -> o.withReconciliationMaxInterval(DriftSchedule.backstop(config.driftCheckInterval())));
    WorkflowReconciler reconciler =
        new WorkflowReconciler(
            config,
            new ImageBuilderGateway(clients, registry),
            new StatusWriter(clock),
            clock,
            new SecureRandom());
    return operator.register(
        reconciler,
        o -> {
          // The backstop of the drift checks each reconcile schedules, and the wait after JOSDK's
          // retries for an unexpected failure run out (10 hours by default).
          o.withReconciliationMaxInterval(DriftSchedule.backstop(config.driftCheckInterval()));
          o.withOnUpdateFilter(new WorkflowEventFilter());
          if (config.watchedNamespaces().isEmpty()) {
            o.watchingAllNamespaces();
          } else {
            o.settingNamespaces(config.watchedNamespaces());
          }
        });
  }
}

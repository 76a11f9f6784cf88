package dev.gitops.imagebuilder.runtime;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running operator: the JOSDK {@link Operator} (with leader election when configured), its
 * Micrometer metrics and the health/metrics HTTP port. {@link #close()} is the graceful stop: no
 * new events, in-flight reconciles get {@link #RECONCILE_GRACE}, the lease is handed back, then the
 * HTTP port closes. The Kubernetes client stays open; whoever created it closes it.
 */
public final class OperatorRuntime implements AutoCloseable {
  /** Bound on waiting for in-flight reconciles at stop; deploy/ gives the pod 45 s in total. */
  public static final Duration RECONCILE_GRACE = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(OperatorRuntime.class);

  private final OperatorConfig config;
  private final KubernetesClient client;
  private final String identity;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Operator operator;
  private final HealthServer http;

  /**
   * Builds and starts everything; returns once the informers are synced.
   *
   * @param bindAddress where the HTTP port listens
   * @param onLostLeadership run when leadership is lost other than by {@link #close()}; Main exits
   *     the process, since the informers of a former leader may still dispatch events
   */
  public static OperatorRuntime start(
      OperatorConfig config,
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      ControllerRegistration controllers,
      InetAddress bindAddress,
      Runnable onLostLeadership)
      throws IOException {
    return new OperatorRuntime(
        config, client, registry, controllers, bindAddress, onLostLeadership);
  }

  private OperatorRuntime(
      OperatorConfig config,
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      ControllerRegistration controllers,
      InetAddress bindAddress,
      Runnable onLostLeadership)
      throws IOException {
    this.config = config;
    this.client = client;
    this.identity =
        Optional.ofNullable(System.getenv("HOSTNAME")).orElse("operator")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    leading.set(!config.leaderElection());
    operator = operator(config, client, registry, leaderElection(onLostLeadership));
    controllers.register(operator, config, registry);
    WorkflowGauges.register(registry, this::cachedWorkflows, leading::get);
    // The port answers /healthz while the informers sync; /readyz turns 200 after.
    http =
        HealthServer.start(
            new InetSocketAddress(bindAddress, config.httpPort()), this::isReady, registry);
    try {
      operator.start();
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    log.info(
        "Operator started (identity {}, leader election {}, namespaces {}, http port {})",
        identity,
        config.leaderElection() ? "on" : "off",
        config.watchedNamespaces().isEmpty() ? "all" : config.watchedNamespaces(),
        http.port());
  }

  /**
   * Builds the operator and registers its controllers as {@link #start} does, then stops short of
   * the network: no HTTP port, no informers, no lease. What {@code --check} runs.
   */
  public static void check(
      OperatorConfig config,
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      ControllerRegistration controllers) {
    var leaderElection =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName()).build();
    controllers.register(operator(config, client, registry, leaderElection), config, registry);
  }

  private static Operator operator(
      OperatorConfig config,
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      LeaderElectionConfiguration leaderElection) {
    return new Operator(
        o -> {
          o.withKubernetesClient(client)
              .withMetrics(
                  new AggregatedMetrics(
                      List.of(
                          MicrometerMetrics.withoutPerResourceMetrics(registry),
                          new StartupReport())))
              .withConcurrentReconciliationThreads(config.maxConcurrentReconciles())
              .withReconciliationTerminationTimeout(RECONCILE_GRACE)
              .withCloseClientOnStop(false);
          if (config.leaderElection()) {
            o.withLeaderElectionConfiguration(leaderElection);
          }
        });
  }

  private LeaderElectionConfiguration leaderElection(Runnable onLostLeadership) {
    var builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
            .withIdentity(identity)
            .withExitOnStopLeading(
                false) // decided below, so a deliberate stop does not exit the JVM
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> {
                      leading.set(true);
                      log.info("Leading as {}: reconciling", identity);
                    },
                    () -> {
                      leading.set(false);
                      if (!stopping.get()) {
                        log.error("Lost leadership as {}; stopping", identity);
                        onLostLeadership.run();
                      }
                    },
                    leader -> log.info("Leader is {}", leader)));
    config.leaseNamespace().ifPresent(builder::withLeaseNamespace);
    return builder.build();
  }

  /** Ready once started with healthy informers, whether or not this replica leads. */
  public boolean isReady() {
    return operator.getRuntimeInfo().isStarted()
        && !stopping.get()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  public boolean isLeading() {
    return leading.get();
  }

  public String identity() {
    return identity;
  }

  public int httpPort() {
    return http.port();
  }

  /** The resources in the controller's informer cache (empty before it starts). */
  @SuppressWarnings("unchecked")
  Collection<ImageBuilderWorkflow> cachedWorkflows() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return List.of();
    }
    return operator.getRegisteredControllers().stream()
        .filter(c -> c.getConfiguration().getResourceClass() == ImageBuilderWorkflow.class)
        .filter(Controller.class::isInstance)
        .flatMap(
            c ->
                ((Controller<ImageBuilderWorkflow>) c)
                    .getEventSourceManager()
                    .getControllerEventSource()
                    .list())
        .toList();
  }

  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping: waiting up to {} s for in-flight reconciles", RECONCILE_GRACE.toSeconds());
    try {
      operator.stop();
    } catch (RuntimeException e) {
      log.warn("Operator stop failed: {}", e.getMessage());
    }
    if (config.leaderElection()) {
      String namespace = config.leaseNamespace().orElse(client.getConfiguration().getNamespace());
      LeaseRelease.release(client, namespace, config.leaseName(), identity);
    }
    http.close();
    log.info("Stopped");
  }
}

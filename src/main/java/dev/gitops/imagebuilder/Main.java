package dev.gitops.imagebuilder;

import dev.gitops.imagebuilder.config.ConfigParser;
import dev.gitops.imagebuilder.config.InvalidConfigException;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.reconcile.ReconcilerFactory;
import dev.gitops.imagebuilder.runtime.KubernetesClients;
import dev.gitops.imagebuilder.runtime.LogSetup;
import dev.gitops.imagebuilder.runtime.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator: configuration, logging, metrics, Kubernetes client, JOSDK operator with the
 * reconciler, health/metrics port; stops it gracefully on SIGTERM. Exit code 2 means bad
 * configuration (one line per problem on stderr), 1 a failed start or a lost leader lease. {@code
 * --check} stops short of the network.
 */
public final class Main {
  private static final String CHECK = "--check";
  private static final String CHECK_USAGE =
      "Usage: java -jar imagebuilder-workflow-operator.jar [--check] [SETTINGS]\n  "
          + CHECK
          + "  build the configuration, the Kubernetes and AWS clients and the controllers, contact"
          + " nothing, then exit (0 when all build)\n\n";

  private Main() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(CHECK_USAGE + ConfigParser.usage());
      return;
    }
    boolean check = List.of(args).contains(CHECK);
    OperatorConfig config;
    try {
      config =
          ConfigParser.parse(
              System.getenv(), List.of(args).stream().filter(a -> !a.equals(CHECK)).toList());
    } catch (InvalidConfigException e) {
      e.problems().forEach(System.err::println);
      System.exit(2);
      return;
    }
    LogSetup.apply(config.logFormat());
    Logger log = LoggerFactory.getLogger(Main.class);
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    if (check) {
      check(config, registry, log);
      return;
    }
    KubernetesClient client = KubernetesClients.builder().build();
    try {
      OperatorRuntime runtime =
          OperatorRuntime.start(
              config,
              client,
              registry,
              ReconcilerFactory::register,
              bindAddress(System.getenv()),
              () -> new Thread(() -> System.exit(1), "exit-after-lost-lease").start());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    runtime.close();
                    client.close();
                  },
                  "graceful-shutdown"));
    } catch (Exception e) {
      log.error("Operator failed to start: {}", e.getMessage(), e);
      client.close();
      System.exit(1);
    }
  }

  /**
   * Builds what a start builds short of the network, then returns: the image build runs it to
   * record the start-up classes (see Dockerfile). Exits 1 when something does not build.
   */
  private static void check(OperatorConfig config, PrometheusMeterRegistry registry, Logger log) {
    try (KubernetesClient client = KubernetesClients.builder().build()) {
      OperatorRuntime.check(config, client, registry, ReconcilerFactory::register);
    } catch (RuntimeException e) {
      log.error("Check failed: {}", e.getMessage(), e);
      System.exit(1);
    }
    log.info("Checked: the configuration, clients and controllers build; nothing was contacted");
  }

  /** All interfaces inside a pod (kubelet probes, Prometheus); loopback anywhere else. */
  static InetAddress bindAddress(Map<String, String> env) {
    return env.containsKey("KUBERNETES_SERVICE_HOST")
        ? new InetSocketAddress(0).getAddress()
        : InetAddress.getLoopbackAddress();
  }
}

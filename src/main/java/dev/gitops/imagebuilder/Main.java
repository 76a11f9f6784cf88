package dev.gitops.imagebuilder;

import dev.gitops.imagebuilder.config.ConfigParser;
import dev.gitops.imagebuilder.config.InvalidConfigException;
import dev.gitops.imagebuilder.config.OperatorConfig;
import dev.gitops.imagebuilder.reconcile.ReconcilerFactory;
import dev.gitops.imagebuilder.runtime.LogSetup;
import dev.gitops.imagebuilder.runtime.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
 * configuration (one line per problem on stderr), 1 a failed start or a lost leader lease.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(ConfigParser.usage());
      return;
    }
    OperatorConfig config;
    try {
      config = ConfigParser.parse(System.getenv(), List.of(args));
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
    KubernetesClient client = new KubernetesClientBuilder().build();
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

  /** All interfaces inside a pod (kubelet probes, Prometheus); loopback anywhere else. */
  static InetAddress bindAddress(Map<String, String> env) {
    return env.containsKey("KUBERNETES_SERVICE_HOST")
        ? new InetSocketAddress(0).getAddress()
        : InetAddress.getLoopbackAddress();
  }
}

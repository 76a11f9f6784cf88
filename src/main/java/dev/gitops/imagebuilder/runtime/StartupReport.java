package dev.gitops.imagebuilder.runtime;

import com.sun.management.OperatingSystemMXBean;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs once how long start-up took: from the JVM's start to the first reconcile JOSDK begins, wall
 * and CPU. A rolling update waits on this; the line makes it visible without a profiler.
 */
final class StartupReport implements Metrics {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final AtomicBoolean reported = new AtomicBoolean();

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    if (reported.compareAndSet(false, true)) {
      var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      log.info(
          "First reconcile {} s after the JVM started ({} CPU s)",
          String.format(
              Locale.ROOT, "%.2f", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3),
          String.format(Locale.ROOT, "%.2f", os.getProcessCpuTime() / 1e9));
    }
  }
}

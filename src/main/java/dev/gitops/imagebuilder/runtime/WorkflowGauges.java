package dev.gitops.imagebuilder.runtime;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Gauges read at scrape time: {@code imagebuilder_workflows{condition,status}} from the informer
 * cache and {@code imagebuilder_leader} (1 on the replica that reconciles). Every replica's cache
 * holds all resources, so aggregate the counts with max(), or select leader == 1.
 */
public final class WorkflowGauges {
  private WorkflowGauges() {}

  public static void register(
      MeterRegistry registry,
      Supplier<Collection<ImageBuilderWorkflow>> cache,
      BooleanSupplier leading) {
    for (String type : ConditionCounts.TYPES) {
      for (String status : ConditionCounts.STATUSES) {
        Gauge.builder(
                "imagebuilder.workflows", cache, c -> ConditionCounts.count(c.get(), type, status))
            .description(
                "ImageBuilderWorkflow resources by condition status, from the informer cache")
            .tag("condition", type)
            .tag("status", status)
            .strongReference(true) // the supplier is a lambda nobody else holds
            .register(registry);
      }
    }
    Gauge.builder("imagebuilder.leader", leading, l -> l.getAsBoolean() ? 1 : 0)
        .description("1 when this replica reconciles (leads, or runs without leader election)")
        .strongReference(true)
        .register(registry);
  }
}

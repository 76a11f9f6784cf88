package dev.gitops.imagebuilder.runtime;

import dev.gitops.imagebuilder.config.OperatorConfig;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;

/** Registers the operator's controller(s) with a not-yet-started JOSDK {@link Operator}. */
@FunctionalInterface
public interface ControllerRegistration {
  void register(Operator operator, OperatorConfig config, MeterRegistry registry);
}

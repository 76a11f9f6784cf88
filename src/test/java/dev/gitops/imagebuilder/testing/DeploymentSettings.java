package dev.gitops.imagebuilder.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code deploy/deployment.yaml} runs the operator: its literal environment (JVM options
 * included) and its memory limit, which the harness hands to the JVM as {@code -XX:MaxRAM} (what
 * the container limit is to the JVM in a pod).
 */
public record DeploymentSettings(Map<String, String> environment, long memoryLimitBytes) {

  public static final Path DEPLOYMENT = Path.of("deploy/deployment.yaml");

  public static DeploymentSettings read() {
    Deployment deployment;
    try (InputStream in = Files.newInputStream(DEPLOYMENT)) {
      deployment = Serialization.unmarshal(in, Deployment.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEPLOYMENT, e);
    }
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : operator.getEnv()) {
      if (var.getValue() != null) { // fieldRef values are set by the harness
        env.put(var.getName(), var.getValue());
      }
    }
    Quantity limit = operator.getResources().getLimits().get("memory");
    return new DeploymentSettings(env, Quantity.getAmountInBytes(limit).longValueExact());
  }

  /** The Deployment's JAVA_TOOL_OPTIONS plus the memory limit as the JVM's view of RAM. */
  public String javaToolOptions() {
    return (environment.getOrDefault("JAVA_TOOL_OPTIONS", "") + " -XX:MaxRAM=" + memoryLimitBytes)
        .strip();
  }
}

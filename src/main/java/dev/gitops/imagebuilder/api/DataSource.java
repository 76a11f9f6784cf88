package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where the workflow document comes from when it is not inline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataSource {

  /** The ConfigMap key holding the document. */
  @JsonPropertyDescription(
      "The ConfigMap key that holds the workflow YAML document; the operator reads it "
          + "and follows its changes.")
  @Required
  private ConfigMapKeyRef configMapKeyRef;

  public ConfigMapKeyRef getConfigMapKeyRef() {
    return configMapKeyRef;
  }

  public void setConfigMapKeyRef(ConfigMapKeyRef configMapKeyRef) {
    this.configMapKeyRef = configMapKeyRef;
  }
}

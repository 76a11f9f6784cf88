package dev.gitops.imagebuilder.api;

/** Where the workflow document comes from when it is not inline. */
public class DataSource {
  private ConfigMapKeyRef configMapKeyRef;

  public ConfigMapKeyRef getConfigMapKeyRef() { return configMapKeyRef; }
  public void setConfigMapKeyRef(ConfigMapKeyRef configMapKeyRef) { this.configMapKeyRef = configMapKeyRef; }
}

package dev.gitops.imagebuilder.api;

/** A key of a ConfigMap in the resource's own namespace. */
public class ConfigMapKeyRef {
  private String name;
  private String key;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
}

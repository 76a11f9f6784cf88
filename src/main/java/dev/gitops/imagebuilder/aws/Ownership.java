package dev.gitops.imagebuilder.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The tags that tie a workflow build version to the resource that owns it. Ownership is by
 * namespace and name (so a resource re-created under the same name keeps its builds); the uid is
 * recorded for humans.
 */
public record Ownership(String namespace, String name) {
  public static final String PREFIX = "imagebuilder.gitops.dev/";
  public static final String NAMESPACE_TAG = PREFIX + "namespace";
  public static final String NAME_TAG = PREFIX + "name";
  public static final String UID_TAG = PREFIX + "uid";
  public static final String CONTENT_HASH_TAG = PREFIX + "content-hash";

  /** The owner a build's tags name, if they name one. */
  public static Optional<Ownership> of(Map<String, String> tags) {
    String namespace = tags.get(NAMESPACE_TAG);
    String name = tags.get(NAME_TAG);
    return namespace == null || name == null
        ? Optional.empty()
        : Optional.of(new Ownership(namespace, name));
  }

  /**
   * Tags the operator manages itself; user tags may not use these keys and they are never removed.
   */
  public static boolean isOperatorTag(String key) {
    return key.startsWith(PREFIX);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

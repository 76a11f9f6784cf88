package dev.gitops.imagebuilder.emulator;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects a CreateWorkflow {@code uri} may name: registered by tests or scripts, read as
 * workflow content.
 */
public final class InMemoryS3 {

  private final ConcurrentHashMap<String, String> objects = new ConcurrentHashMap<>();

  public void putObject(String bucket, String key, String content) {
    objects.put(bucket + "/" + key, content);
  }

  public void deleteObject(String bucket, String key) {
    objects.remove(bucket + "/" + key);
  }

  /**
   * The content behind {@code s3://bucket/key}; empty for an unknown object or a URL of another
   * form.
   */
  Optional<String> read(String uri) {
    if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 6 || uri.endsWith("/")) {
      return Optional.empty();
    }
    return Optional.ofNullable(objects.get(uri.substring(5)));
  }

  void clear() {
    objects.clear();
  }
}

package dev.gitops.imagebuilder.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over the parts of a CreateWorkflow request that make the service create a new build (tags
 * do not). Each part is length-prefixed so that moving text between fields changes the hash.
 */
public final class ContentHash {
  private ContentHash() {}

  /**
   * The hash of a workflow's configuration; {@code dataOrUri} is the inline document or the S3 URI.
   */
  public static String of(
      String dataOrUri, String description, String changeDescription, String kmsKeyId) {
    return sha256Hex(dataOrUri, description, changeDescription, kmsKeyId);
  }

  /** 64 lower-case hex characters; null parts are distinct from empty ones. */
  public static String sha256Hex(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        String encoded = part == null ? "-" : part.length() + ":" + part;
        digest.update(encoded.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

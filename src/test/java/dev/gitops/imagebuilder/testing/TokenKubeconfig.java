package dev.gitops.imagebuilder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A kubeconfig for a ServiceAccount, as a pod's projected token makes one: the test cluster's
 * server and CA, and a bearer token instead of the admin's client certificate.
 */
public final class TokenKubeconfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TokenKubeconfig() {}

  /** Writes {@code adminKubeconfig} with every user's credentials replaced by {@code token}. */
  public static Path write(Path adminKubeconfig, String token, Path file) throws IOException {
    ObjectNode config = (ObjectNode) YAML.readTree(adminKubeconfig.toFile());
    config.withArray("users").forEach(u -> ((ObjectNode) u).putObject("user").put("token", token));
    YAML.writeValue(file.toFile(), config);
    return file;
  }
}

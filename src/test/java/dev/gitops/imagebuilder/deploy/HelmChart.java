package dev.gitops.imagebuilder.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gitops.imagebuilder.testing.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The chart in deploy/helm, rendered and installed by the real helm (scripts/ensure-tool helm). */
public final class HelmChart {
  public static final Path DIR = Path.of("deploy/helm/imagebuilder-workflow-operator");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ExternalTool helm = ExternalTool.locate("helm");

  /** {@code helm ARGS...}: exit code and output. */
  public Command.Result run(String... args) {
    return helm.run(null, args);
  }

  /** {@code helm ARGS...}, failing with helm's message unless it succeeds; stdout. */
  public String ok(String... args) {
    return helm.ok(null, args);
  }

  /** {@code helm template RELEASE deploy/helm/... --namespace NAMESPACE ARGS...} as YAML text. */
  public Command.Result template(String release, String namespace, String... args) {
    return run(
        Stream.concat(
                Stream.of("template", release, DIR.toString(), "--namespace", namespace),
                Stream.of(args))
            .toArray(String[]::new));
  }

  /** The objects {@link #template} renders; fails when helm does. */
  public List<JsonNode> render(String release, String namespace, String... args) {
    Command.Result result = template(release, namespace, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("helm template failed:\n" + result.output());
    }
    return documents(result.stdout());
  }

  /** The non-empty documents of a multi-document YAML text. */
  public static List<JsonNode> documents(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              d -> {
                if (d != null && !d.isEmpty()) {
                  docs.add(d);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** The one object of {@code kind} named {@code name} (any namespace). */
  public static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(
            o ->
                kind.equals(o.path("kind").asText())
                    && name.equals(o.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + kind + " " + name + " among " + kinds(objects)));
  }

  public static List<String> kinds(List<JsonNode> objects) {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
        .toList();
  }
}

package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health check in Argo CD's own contribution layout
 * (resource_customizations/GROUP/KIND/health.lua, health_test.yaml, testdata/): every case of
 * health_test.yaml run with the real Lua 5.1, as Argo CD's own test runs them; and its argocd-cm
 * copy.
 */
class ArgoCdHealthTest {
  static final Path CHECK =
      Path.of("deploy/argocd/resource_customizations/imagebuilder.gitops.dev/ImageBuilderWorkflow");
  static final Path SCRIPT = CHECK.resolve("health.lua");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static LuaInterpreter lua;

  @BeforeAll
  static void findLua() {
    lua = LuaInterpreter.locate();
  }

  static Stream<Arguments> cases() throws IOException {
    JsonNode tests = YAML.readTree(CHECK.resolve("health_test.yaml").toFile()).path("tests");
    return Stream.iterate(0, i -> i < tests.size(), i -> i + 1)
        .map(tests::get)
        .map(
            t ->
                Arguments.of(
                    t.path("inputPath").asText(),
                    t.at("/healthStatus/status").asText(),
                    t.at("/healthStatus/message").asText()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void everyCaseOfHealthTestYaml(String inputPath, String status, String message) throws Exception {
    JsonNode resource = YAML.readTree(CHECK.resolve(inputPath).toFile());
    assertThat(lua.health(SCRIPT, resource)).containsExactly(status, message);
  }

  @Test
  void healthTestYamlCoversEveryTestdataFileAndEveryStatus() throws IOException {
    List<String> inputs = cases().map(a -> (String) a.get()[0]).toList();
    try (Stream<Path> files = Files.list(CHECK.resolve("testdata"))) {
      assertThat(files.map(f -> "testdata/" + f.getFileName()))
          .containsExactlyInAnyOrderElementsOf(inputs);
    }
    assertThat(cases().map(a -> (String) a.get()[1]))
        .contains("Healthy", "Progressing", "Degraded");
  }

  @Test
  void everyTestdataFileIsAWholeLiveObjectOfTheCrd() throws IOException {
    // Strict: a field the Java types (and so the CRD) do not have fails here.
    ObjectMapper strict = YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (Stream<Path> files = Files.list(CHECK.resolve("testdata"))) {
      for (Path file : files.toList()) {
        ImageBuilderWorkflow live = strict.readValue(file.toFile(), ImageBuilderWorkflow.class);
        assertThat(live.getMetadata().getUid())
            .as("%s: a live object has a uid", file)
            .isNotBlank();
        assertThat(live.getMetadata().getGeneration())
            .as("%s: and a generation", file)
            .isPositive();
        assertThat(live.getSpec().getSemanticVersion()).as("%s: and a spec", file).isNotBlank();
      }
    }
  }

  @Test
  void theArgoCdConfigMapPatchEmbedsTheScriptVerbatim() throws Exception {
    JsonNode patch = YAML.readTree(Path.of("deploy/argocd/argocd-cm-patch.yaml").toFile());
    assertThat(patch.at("/metadata/name").asText()).isEqualTo("argocd-cm");
    assertThat(patch.at("/data").size()).isEqualTo(1);
    assertThat(
            patch
                .at(
                    "/data/resource.customizations.health.imagebuilder.gitops.dev_ImageBuilderWorkflow")
                .asText())
        .isEqualTo(Files.readString(SCRIPT));
  }

  @Test
  void tableLiteralsKeepStringsNumbersAndArrays() throws Exception {
    JsonNode json = new ObjectMapper().readTree("{\"a\":\"x\\\"y\\n\",\"b\":[1,true],\"c\":null}");
    assertThat(LuaInterpreter.literal(json))
        .isEqualTo("{[\"a\"]=\"x\\\"y\\n\",[\"b\"]={1,true,},}");
  }
}

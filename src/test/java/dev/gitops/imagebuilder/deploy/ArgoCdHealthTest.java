package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
  static final String CM_KEY =
      "resource.customizations.health.imagebuilder.gitops.dev_ImageBuilderWorkflow";
  static final String CM_PATCH_HEADER =
      """
      # Argo CD health check for ImageBuilderWorkflow. Apply to the argocd-cm ConfigMap of your Argo CD
      # install, e.g. in its kustomization:
      #   patches:
      #     - path: argocd-cm-patch.yaml
      # Generated from resource_customizations/imagebuilder.gitops.dev/ImageBuilderWorkflow/health.lua
      # by ArgoCdHealthTest: edit the script, run the test, commit both.
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: argocd-cm
        namespace: argocd
      data:
        %s: |
      """
          .formatted(CM_KEY);
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

  /**
   * The argocd-cm patch is generated from health.lua: on a difference the test rewrites it (review
   * `git diff deploy/argocd` and commit) and still fails, like CommittedCrdTest for the CRD.
   */
  @Test
  void theArgoCdConfigMapPatchIsGeneratedFromTheScript() throws Exception {
    Path patchFile = Path.of("deploy/argocd/argocd-cm-patch.yaml");
    String expected =
        CM_PATCH_HEADER
            + Files.readString(SCRIPT)
                .lines()
                .map(line -> line.isEmpty() ? "" : "    " + line)
                .collect(Collectors.joining("\n", "", "\n"));
    JsonNode parsed = YAML.readTree(expected);
    assertThat(parsed.at("/data/" + CM_KEY).asText()).isEqualTo(Files.readString(SCRIPT));
    if (!expected.equals(Files.readString(patchFile))) {
      Files.writeString(patchFile, expected);
      fail(
          "%s was not generated from %s; it has been rewritten: review `git diff %s` and commit it",
          patchFile, SCRIPT, patchFile);
    }
  }

  @Test
  void tableLiteralsKeepStringsNumbersAndArrays() throws Exception {
    JsonNode json = new ObjectMapper().readTree("{\"a\":\"x\\\"y\\n\",\"b\":[1,true],\"c\":null}");
    assertThat(LuaInterpreter.literal(json))
        .isEqualTo("{[\"a\"]=\"x\\\"y\\n\",[\"b\"]={1,true,},}");
  }
}

package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/argocd/health.lua, run by Lua 5.1 against fixture resources, and its argocd-cm copy. */
class ArgoCdHealthTest {
  static final Path SCRIPT = Path.of("deploy/argocd/health.lua");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static LuaInterpreter lua;

  @BeforeAll
  static void findLua() throws Exception {
    lua = LuaInterpreter.locate();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      missing-status                   | Progressing | Waiting for the operator to report status
      empty-conditions                 | Progressing | Waiting for the operator to report status
      ready-current                    | Healthy     | Created: workflow build version arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/x/1.0.0/1
      ready-current-by-condition-only  | Healthy     | UpToDate
      ready-stale-status-generation    | Progressing | Status is from generation 1, the spec is at generation 2
      ready-stale-condition-generation | Progressing | Status is from generation 1, the spec is at generation 2
      ready-false                      | Progressing | Throttled: Image Builder is rate limiting; retrying
      stalled                          | Degraded    | VersionConflict: version 1.0.0 of build workflow x is owned by team-b/other
      stalled-stale                    | Progressing | Status is from generation 5, the spec is at generation 6
      stalled-current-ready-stale      | Degraded    | VersionConflict: version 1.0.0 of build workflow x is owned by team-b/other
      plan-ready                       | Healthy     | PlanReady: would create 1.0.0 as build 1.0.0/3; CreateWorkflow dry run passed
      plan-failed                      | Degraded    | PlanFailed: would create 1.0.0 as build 1.0.0/1, but CreateWorkflow refuses it: InvalidRequestException: every workflow step needs a name and an action
      plan-failed-ready-only           | Degraded    | PlanFailed: would stop: arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/x/1.0.0/1 already exists and no resource owns it
      plan-stale                       | Progressing | Status is from generation 4, the spec is at generation 5
      observed                         | Healthy     | Observed: observed arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.1/1, owned by aws
      """)
  void classifiesEachFixture(String fixture, String status, String message) throws Exception {
    JsonNode resource =
        YAML.readTree(Path.of("src/test/resources/argocd-health", fixture + ".yaml").toFile());
    assertThat(lua.health(SCRIPT, resource)).containsExactly(status, message);
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

package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/iam-policy.json: valid JSON, only the Image Builder actions the operator calls, scoped. */
class IamPolicyTest {
  static final Path POLICY = Path.of("deploy/iam-policy.json");

  static JsonNode policy() throws IOException {
    return new ObjectMapper().readTree(POLICY.toFile()); // fails on invalid JSON
  }

  static List<String> actions(JsonNode statement) {
    List<String> actions = new ArrayList<>();
    statement.path("Action").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  @Test
  void isAnIamPolicyDocumentWithOnlyAllowStatements() throws IOException {
    JsonNode policy = policy();
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.path("Statement")).isNotEmpty();
    policy.path("Statement").forEach(s -> {
      assertThat(s.path("Effect").asText()).isEqualTo("Allow");
      assertThat(actions(s)).noneMatch(a -> a.contains("*"));
    });
  }

  @Test
  void everyImageBuilderActionButListWorkflowsIsScopedToWorkflowArns() throws IOException {
    for (JsonNode s : policy().path("Statement")) {
      boolean imageBuilder = actions(s).stream().anyMatch(a -> a.startsWith("imagebuilder:"));
      if (imageBuilder && !actions(s).equals(List.of("imagebuilder:ListWorkflows"))) {
        assertThat(s.path("Resource").asText()).isEqualTo("arn:aws:imagebuilder:*:*:workflow/*");
      }
    }
  }
}

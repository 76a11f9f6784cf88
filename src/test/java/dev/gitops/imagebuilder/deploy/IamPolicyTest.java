package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam-policy.json: valid JSON, exactly the Image Builder operations the gateway calls,
 * scoped.
 */
class IamPolicyTest {
  static final Path POLICY = Path.of("deploy/iam-policy.json");
  static final Path SOURCES = Path.of("src/main/java");

  /**
   * Every AWS call goes through AwsCalls.call(target, "Operation", (c, as) -> c.operation(...)), or
   * its paginator c.operationPaginator(...).
   */
  static final Pattern CALL =
      Pattern.compile(
          "calls\\s*\\.call\\(\\s*[^,]+,\\s*\"(\\w+)\",\\s*\\(c,\\s*as\\)\\s*->\\s*c\\s*\\.(\\w+?)(?:Paginator)?\\(");

  static JsonNode policy() throws IOException {
    return new ObjectMapper().readTree(POLICY.toFile()); // fails on invalid JSON
  }

  static List<String> actions(JsonNode statement) {
    List<String> actions = new ArrayList<>();
    statement.path("Action").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void isAnIamPolicyDocumentWithOnlyAllowStatements() throws IOException {
    JsonNode policy = policy();
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.path("Statement")).isNotEmpty();
    policy
        .path("Statement")
        .forEach(
            s -> {
              assertThat(s.path("Effect").asText()).isEqualTo("Allow");
              assertThat(actions(s)).noneMatch(a -> a.contains("*"));
            });
  }

  @Test
  void listsExactlyTheImageBuilderOperationsTheGatewayCalls() throws IOException {
    Set<String> called = new TreeSet<>();
    for (Path file : mainSources()) {
      Matcher m = CALL.matcher(Files.readString(file));
      while (m.find()) {
        String operation = m.group(1);
        assertThat(Character.toLowerCase(operation.charAt(0)) + operation.substring(1))
            .as("the metric label of %s in %s names the SDK method called", operation, file)
            .isEqualTo(m.group(2));
        called.add("imagebuilder:" + operation);
      }
    }
    Set<String> allowed = new TreeSet<>();
    policy()
        .path("Statement")
        .forEach(
            s ->
                actions(s).stream()
                    .filter(a -> a.startsWith("imagebuilder:"))
                    .forEach(allowed::add));
    assertThat(called).as("operations found in the gateway").isNotEmpty();
    assertThat(allowed).isEqualTo(called);
  }

  @Test
  void noCodeCallsImageBuilderOutsideTheGatewaySeam() throws IOException {
    for (Path file : mainSources()) {
      String text = Files.readString(file);
      if (text.contains("ImagebuilderClient")) {
        assertThat(file.getFileName().toString())
            .as("only the aws/ seam holds an ImagebuilderClient, so the scan above sees every call")
            .isIn("AwsCalls.java", "AwsClients.java", "ImageBuilderGateway.java");
      }
    }
  }

  @Test
  void everyImageBuilderActionButListWorkflowsIsScopedToWorkflowArns() throws IOException {
    for (JsonNode s : policy().path("Statement")) {
      boolean imageBuilder = actions(s).stream().anyMatch(a -> a.startsWith("imagebuilder:"));
      if (imageBuilder && !actions(s).equals(List.of("imagebuilder:ListWorkflows"))) {
        // workflows of any account (the policy's condition narrows it to the operator's), or the
        // ones AWS publishes (read only)
        assertThat(s.path("Resource").asText())
            .isIn("arn:aws:imagebuilder:*:*:workflow/*", "arn:aws:imagebuilder:*:aws:workflow/*");
        if (s.path("Resource").asText().endsWith(":aws:workflow/*")) {
          assertThat(actions(s))
              .containsExactlyInAnyOrder(
                  "imagebuilder:GetWorkflow", "imagebuilder:ListWorkflowBuildVersions");
        }
      }
    }
  }
}

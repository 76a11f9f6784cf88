package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.aws.AccountRef;
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
 * scoped, and AssumeRole on the mapped roles only. deploy/iam/: the trust policy and the
 * permissions of a role an ImageBuilderAccount maps namespaces to.
 */
class IamPolicyTest {
  static final Path POLICY = Path.of("deploy/iam-policy.json");
  static final Path TRUST_POLICY = Path.of("deploy/iam/trust-policy.json");
  static final Path TARGET_ROLE_POLICY = Path.of("deploy/iam/target-role-policy.json");
  static final String OPERATOR_ROLE =
      "arn:aws:iam::OPERATOR_ACCOUNT:role/imagebuilder-workflow-operator";
  static final Path SOURCES = Path.of("src/main/java");

  /**
   * Every AWS call goes through AwsCalls.call(target, "Operation", (c, as) -> c.operation(...)), or
   * its paginator c.operationPaginator(...).
   */
  static final Pattern CALL =
      Pattern.compile(
          "calls\\s*\\.call\\(\\s*[^,]+,\\s*\"(\\w+)\",\\s*(?:\\w+,\\s*)?\\(c,\\s*as\\)\\s*->\\s*c\\s*\\.(\\w+?)(?:Paginator)?\\(");

  static JsonNode policy() throws IOException {
    return read(POLICY);
  }

  static JsonNode read(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile()); // fails on invalid JSON
  }

  static List<String> actions(JsonNode statement) {
    List<String> actions = new ArrayList<>();
    statement.path("Action").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  /** A statement's resources, whether IAM's JSON holds one string or a list. */
  static List<String> resources(JsonNode statement) {
    JsonNode resource = statement.path("Resource");
    List<String> resources = new ArrayList<>();
    if (resource.isArray()) {
      resource.forEach(r -> resources.add(r.asText()));
    } else {
      resources.add(resource.asText());
    }
    return resources;
  }

  static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> statements = new ArrayList<>();
    policy.path("Statement").forEach(statements::add);
    return statements;
  }

  static boolean isSts(JsonNode statement) {
    return actions(statement).stream().anyMatch(a -> a.startsWith("sts:"));
  }

  /** IAM's wildcard match of an ARN pattern ({@code *} any run of characters, {@code ?} one). */
  static boolean iamMatches(String pattern, String arn) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return arn.matches(regex.toString());
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

  @Test
  void theOnlyStsPermissionIsAssumeRoleOnNamedRoles() throws IOException {
    List<JsonNode> sts = statements(policy()).stream().filter(IamPolicyTest::isSts).toList();
    assertThat(sts).as("one statement lets the operator assume the mapped roles").hasSize(1);
    JsonNode assume = sts.get(0);
    assertThat(actions(assume)).containsExactly("sts:AssumeRole");
    assertThat(resources(assume))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r)
                    .as("roles by name, in any account: never every role")
                    .matches("arn:aws:iam::\\*:role/[\\w+=,.@-]+\\*?")
                    .doesNotEndWith(":role/*"));
    assertThat(resources(assume))
        .as("the role the local run and the examples map covers the pattern")
        .anyMatch(r -> iamMatches(r, "arn:aws:iam::210987654321:role/imagebuilder-team-b"));
  }

  @Test
  void aMappedRoleTrustsTheOperatorsRoleWithTheExternalIdAndTheOperatorsSessionNames()
      throws IOException {
    JsonNode trust = read(TRUST_POLICY);
    assertThat(trust.path("Version").asText()).isEqualTo("2012-10-17");
    List<JsonNode> statements = statements(trust);
    assertThat(statements).hasSize(1);
    JsonNode statement = statements.get(0);
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo(OPERATOR_ROLE);
    assertThat(actions(statement)).containsExactly("sts:AssumeRole");
    JsonNode condition = statement.path("Condition");
    assertThat(condition.at("/StringEquals/sts:ExternalId").asText())
        .as("the ImageBuilderAccount's spec.externalId goes here")
        .isEqualTo("EXTERNAL_ID");
    String sessionNames = condition.at("/StringLike/sts:RoleSessionName").asText();
    assertThat(sessionNames).isEqualTo("ibw-*");
    assertThat(AccountRef.role("arn:aws:iam::210987654321:role/x", null, "team-b").sessionName())
        .as("the session name the operator sends passes the condition")
        .matches(s -> iamMatches(sessionNames, s));
  }

  @Test
  void aMappedRoleMayDoWhatTheOperatorsOwnRoleMayDoInImageBuilderAndNothingMore()
      throws IOException {
    JsonNode target = read(TARGET_ROLE_POLICY);
    assertThat(target.path("Version").asText()).isEqualTo("2012-10-17");
    List<JsonNode> withoutAssumeRole =
        statements(policy()).stream().filter(s -> !isSts(s)).toList();
    assertThat(statements(target))
        .as("deploy/iam-policy.json without its AssumeRole statement")
        .isEqualTo(withoutAssumeRole);
  }

  @Test
  void theIamFilesTheCrdsNameExist() throws IOException {
    Matcher m =
        Pattern.compile("deploy/[\\w/.-]+\\.json")
            .matcher(
                Files.readString(
                    Path.of("crds/imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml")));
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group());
    }
    assertThat(named).isNotEmpty().allSatisfy(file -> assertThat(Path.of(file)).exists());
  }
}

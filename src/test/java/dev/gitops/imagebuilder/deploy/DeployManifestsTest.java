package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Static checks of deploy/: what the API server cannot tell (the IT applies it for real). */
class DeployManifestsTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path DEPLOY = Path.of("deploy");
  static final String CRD_FILE = "imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml";
  static final List<String> CRD_FILES =
      List.of(CRD_FILE, "imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml");

  static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              d -> {
                if (d != null && !d.isEmpty()) {
                  docs.add(d);
                }
              });
    }
    return docs;
  }

  static JsonNode only(String file, String kind) throws IOException {
    return documents(DEPLOY.resolve(file)).stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no " + kind));
  }

  @Test
  void theCrdComesFromCrdsWithoutACopy() throws IOException {
    JsonNode crds = YAML.readTree(Path.of("crds", "kustomization.yaml").toFile());
    assertThat(crds.path("resources"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(CRD_FILES);
    CRD_FILES.forEach(file -> assertThat(Path.of("crds", file)).exists());
    assertThat(
            YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile())
                .path("resources")
                .toString())
        .contains("\"../crds\"");
  }

  @Test
  void everyKustomizationResourceExists() throws IOException {
    JsonNode kustomization = YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
    assertThat(kustomization.path("resources")).isNotEmpty();
    kustomization.path("resources").forEach(r -> assertThat(DEPLOY.resolve(r.asText())).exists());
  }

  @Test
  void rbacHasNoWildcards() throws IOException {
    for (JsonNode doc : documents(DEPLOY.resolve("rbac.yaml"))) {
      for (JsonNode rule : doc.path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
          assertThat(
                  StreamSupport.stream(rule.path(field).spliterator(), false).map(JsonNode::asText))
              .as("%s %s", doc.path("metadata").path("name").asText(), field)
              .doesNotContain("*");
        }
      }
    }
  }

  @Test
  void theDeploymentRunsTwoHardenedReplicasWithLeaderElection() throws IOException {
    JsonNode deployment = only("deployment.yaml", "Deployment");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString())
        .isEqualTo("[\"ALL\"]");
    assertThat(container.at("/resources/requests").isEmpty()).isFalse();
    assertThat(container.at("/resources/limits").isEmpty()).isFalse();
    assertThat(env(container, "IBW_LEADER_ELECTION")).isEqualTo("true");
    int port = Integer.parseInt(env(container, "IBW_HTTP_PORT"));
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText())
          .as("%s port: the health port", probe)
          .isIn(container.at("/ports/0/name").asText(), String.valueOf(port));
    }
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("imagebuilder-workflow-operator");
    JsonNode leaseRole = only("rbac.yaml", "Role");
    assertThat(leaseRole.at("/rules/1/resourceNames").toString())
        .as("the Role renews exactly the Lease the operator is told to use")
        .isEqualTo("[\"" + env(container, "IBW_LEASE_NAME") + "\"]");
  }

  @Test
  void theDisruptionBudgetAndServiceSelectTheOperatorPods() throws IOException {
    JsonNode labels = only("deployment.yaml", "Deployment").at("/spec/template/metadata/labels");
    assertThat(
            only("poddisruptionbudget.yaml", "PodDisruptionBudget")
                .at("/spec/selector/matchLabels"))
        .isEqualTo(labels);
    assertThat(only("service.yaml", "Service").at("/spec/selector")).isEqualTo(labels);
  }

  @Test
  void theArgoCdApplicationsPointAtDirectoriesOfThisRepository() throws IOException {
    for (String file :
        List.of(
            "operator-application.yaml",
            "operator-helm-application.yaml",
            "examples-application.yaml")) {
      JsonNode app = YAML.readTree(DEPLOY.resolve("argocd").resolve(file).toFile());
      assertThat(app.path("kind").asText()).isEqualTo("Application");
      assertThat(Path.of(app.at("/spec/source/path").asText())).isDirectory();
    }
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    throw new AssertionError("no env " + name);
  }
}

package dev.gitops.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.imagebuilder.api.Examples;
import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.Kubectl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped examples, applied as a user would (kubectl apply -f / -k), all become Ready; the
 * accounts example's workflow in the AWS account its namespace is mapped to.
 */
class ExamplesIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The namespace examples/accounts names. */
  private static final String EXAMPLE_NAMESPACE = "team-b";

  /**
   * Where the accounts example goes here: the test server may be shared and keeps deleted
   * namespaces Terminating (no controller-manager), so the example's namespace and mapping get a
   * name of their own.
   */
  private static final String TEAM_B =
      EXAMPLE_NAMESPACE + "-" + UUID.randomUUID().toString().substring(0, 6);

  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube, Set.of(TEAM_B));

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @AfterAll
  static void deleteTheMapping() {
    kube.client().resources(ImageBuilderAccount.class).withName(TEAM_B).delete();
  }

  @Test
  void everyExampleBecomesReady() throws Exception {
    // The S3 example's document must exist for CreateWorkflow to read it.
    emu.s3()
        .putObject(
            "golden-images-workflows",
            "distribution/distribute-to-accounts.yaml",
            Workflows.document("distribution"));
    kubectl(
        "-n",
        kube.namespace(),
        "apply",
        "-f",
        "examples/minimal.yaml",
        "-f",
        "examples/full.yaml",
        "-f",
        "examples/s3-uri.yaml");
    kubectl("-n", kube.namespace(), "apply", "-k", "examples/kustomize");

    List<String> names =
        kube
            .client()
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(kube.namespace())
            .list()
            .getItems()
            .stream()
            .map(r -> r.getMetadata().getName())
            .toList();
    assertThat(names).hasSize(4);
    for (String name : names) {
      ImageBuilderWorkflow ready = workflows.awaitReady(name, "True", "Created");
      assertThat(ready.getStatus().getWorkflowBuildVersionArn())
          .startsWith("arn:aws:imagebuilder:");
    }
    assertThat(emu.builds(emu.account())).hasSize(4);
  }

  @Test
  void theAccountsExampleBuildsTheTeamsWorkflowInTheAccountItsNamespaceIsMappedTo()
      throws IOException {
    List<ObjectNode> objects = inNamespace(TEAM_B, kubectl("kustomize", Examples.ACCOUNTS));
    JsonNode mapping = find(objects, "ImageBuilderAccount").path("spec");
    String role = mapping.path("roleArn").asText();
    emu.trust(role, mapping.path("externalId").asText(null));

    StringBuilder manifests = new StringBuilder();
    for (ObjectNode object : objects) {
      manifests.append(YAML.writeValueAsString(object));
    }
    assertThat(
            new Kubectl(kube.kubectl(), kube.kubeconfig())
                .ok(manifests.toString(), "apply", "-f", "-"))
        .contains("namespace/" + TEAM_B, "imagebuilderaccount.imagebuilder.gitops.dev/" + TEAM_B);

    String name = find(objects, "ImageBuilderWorkflow").at("/metadata/name").asText();
    ImageBuilderWorkflow ready =
        new Workflows(kube.client(), TEAM_B).awaitReady(name, "True", "Created");
    assertThat(ready.getStatus().getAccountId()).isEqualTo("210987654321");
    assertThat(ready.getStatus().getRoleArn()).isEqualTo(role);
    assertThat(ready.getStatus().getWorkflowBuildVersionArn())
        .startsWith("arn:aws:imagebuilder:" + emu.region() + ":210987654321:workflow/build/");
    assertThat(emu.builds("210987654321")).hasSize(1);
    assertThat(emu.counters("210987654321").total("AssumeRole")).isPositive();
    await()
        .atMost(Workflows.TIMEOUT)
        .until(
            () -> kube.client().resources(ImageBuilderAccount.class).withName(TEAM_B).get(),
            m ->
                m.getStatus() != null
                    && m.getStatus().getNamespaces() != null
                    && m.getStatus().getNamespaces().contains(TEAM_B));
  }

  /**
   * The rendered example with its namespace, and the mapping of it, renamed to {@code namespace}.
   */
  private static List<ObjectNode> inNamespace(String namespace, String rendered)
      throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode document :
        YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered).readAll()) {
      ObjectNode object = (ObjectNode) document;
      ObjectNode metadata = (ObjectNode) object.path("metadata");
      switch (object.path("kind").asText()) {
        case "Namespace" -> metadata.put("name", namespace);
        case "ImageBuilderAccount" -> {
          assertThat(object.at("/spec/namespaces/0").asText()).isEqualTo(EXAMPLE_NAMESPACE);
          metadata.put("name", namespace);
          ((ArrayNode) object.at("/spec/namespaces")).set(0, namespace);
        }
        default -> {
          assertThat(metadata.path("namespace").asText()).isEqualTo(EXAMPLE_NAMESPACE);
          metadata.put("namespace", namespace);
        }
      }
      objects.add(object);
    }
    return objects;
  }

  private static JsonNode find(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + Examples.ACCOUNTS));
  }

  private static String kubectl(Object... args) {
    Kubectl.Result result =
        new Kubectl(kube.kubectl(), kube.kubeconfig())
            .run(Stream.of(args).map(String::valueOf).toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.stdout();
  }
}

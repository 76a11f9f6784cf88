package dev.gitops.imagebuilder.it;

import dev.gitops.imagebuilder.api.ConfigMapKeyRef;
import dev.gitops.imagebuilder.api.DataSource;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.emulator.WorkflowBuild;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/**
 * What the end-to-end tests do as a user would: apply resources, read their status, look into AWS.
 */
final class Workflows {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final String namespace;

  Workflows(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * The CRD generated from the Java types: the committed copy in crds/ if present, else the
   * build's.
   */
  static Path crd() {
    Path committed = Path.of("crds/imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml");
    return Files.exists(committed)
        ? committed
        : Path.of(
            "target/classes/META-INF/fabric8/imagebuilderworkflows.imagebuilder.gitops.dev-v1.yml");
  }

  /** Installs the operator's CRDs: workflows, and the account mappings it also watches. */
  static void installCrds(KubeApiServerExtension kube) {
    kube.installCrd(crd());
    kube.installCrd(crd().resolveSibling("imagebuilderaccounts.imagebuilder.gitops.dev-v1.yml"));
  }

  static String document(String marker) {
    return "name: flow\ndescription: "
        + marker
        + "\nschemaVersion: 1.0\nsteps:\n"
        + "  - name: Launch\n    action: LaunchBuildInstance\n    onFailure: Abort\n";
  }

  static ImageBuilderWorkflow workflow(
      String name, String workflowName, String version, String data) {
    ImageBuilderWorkflowSpec spec = new ImageBuilderWorkflowSpec();
    spec.setName(workflowName);
    spec.setType(WorkflowType.BUILD);
    spec.setSemanticVersion(version);
    spec.setData(data);
    ImageBuilderWorkflow resource = new ImageBuilderWorkflow();
    resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
    resource.setSpec(spec);
    return resource;
  }

  /** A ConfigMap holding {@code key: data}, labelled as a workflow document or not. */
  void createConfigMap(String name, String key, String data, boolean documentLabel) {
    ConfigMapBuilder configMap =
        new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
    if (documentLabel) {
      configMap
          .editMetadata()
          .addToLabels("imagebuilder.gitops.dev/document", "true")
          .endMetadata();
    }
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(configMap.addToData(key, data).build())
        .create();
  }

  /** spec.dataFrom naming that ConfigMap key. */
  static DataSource fromConfigMap(String name, String key) {
    ConfigMapKeyRef ref = new ConfigMapKeyRef();
    ref.setName(name);
    ref.setKey(key);
    DataSource source = new DataSource();
    source.setConfigMapKeyRef(ref);
    return source;
  }

  ImageBuilderWorkflow create(ImageBuilderWorkflow resource) {
    resource.getMetadata().setNamespace(namespace);
    return client.resource(resource).create();
  }

  Resource<ImageBuilderWorkflow> named(String name) {
    return client.resources(ImageBuilderWorkflow.class).inNamespace(namespace).withName(name);
  }

  ImageBuilderWorkflow get(String name) {
    return named(name).get();
  }

  /** Changes the spec (a new generation), as a commit synced by Argo CD would. */
  ImageBuilderWorkflow edit(String name, Consumer<ImageBuilderWorkflowSpec> change) {
    return named(name)
        .edit(
            r -> {
              change.accept(r.getSpec());
              return r;
            });
  }

  /** Sets the adopt annotation, as {@code kubectl annotate ibw NAME ...adopt=true} would. */
  void optInToAdoption(String name) {
    named(name)
        .edit(
            r -> {
              r.getMetadata().setAnnotations(Map.of("imagebuilder.gitops.dev/adopt", "true"));
              return r;
            });
  }

  static Optional<Condition> condition(ImageBuilderWorkflow r, String type) {
    return r == null || r.getStatus() == null
        ? Optional.empty()
        : r.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean has(ImageBuilderWorkflow r, String type, String status, String reason) {
    return condition(r, type)
        .filter(
            c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason())))
        .filter(
            c ->
                c.getObservedGeneration() != null
                    && c.getObservedGeneration().equals(r.getMetadata().getGeneration()))
        .isPresent();
  }

  /** Waits until Ready has this reason, whatever the generation (e.g. while being deleted). */
  ImageBuilderWorkflow awaitReason(String name, String reason) {
    return await(
        name, r -> condition(r, "Ready").filter(c -> reason.equals(c.getReason())).isPresent());
  }

  /** Waits until the resource's current generation shows Ready=status with that reason. */
  ImageBuilderWorkflow awaitReady(String name, String status, String reason) {
    return await(name, r -> has(r, "Ready", status, reason));
  }

  ImageBuilderWorkflow await(String name, Predicate<ImageBuilderWorkflow> condition) {
    return org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(name), r -> r != null && condition.test(r));
  }

  /**
   * Waits until an Event about the resource with {@code uid} has been recorded in the namespace.
   */
  void awaitEventAbout(String uid) {
    org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .anyMatch(e -> uid.equals(e.getInvolvedObject().getUid())));
  }

  /** A BUILD workflow 1.0.0 made by another tool (Terraform, the console) through the AWS API. */
  static String createOutsideTheOperator(
      ImageBuilderEmulator emu, String name, String data, String token, Map<String, String> tags) {
    try (ImagebuilderClient aws = EmulatorClients.imagebuilder(emu, emu.region(), false)) {
      return aws.createWorkflow(
              b ->
                  b.name(name)
                      .type("BUILD")
                      .semanticVersion("1.0.0")
                      .data(data)
                      .tags(tags.isEmpty() ? null : tags) // the model wants 1 to 50 tags
                      .clientToken(token))
          .workflowBuildVersionArn();
    }
  }

  static List<WorkflowBuild> builds(ImageBuilderEmulator emu, String workflowName) {
    return emu.builds().stream().filter(b -> b.name().equals(workflowName)).toList();
  }

  static void awaitBuilds(ImageBuilderEmulator emu, String workflowName, int count) {
    org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> builds(emu, workflowName).size() == count);
  }
}

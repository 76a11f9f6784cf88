package dev.gitops.imagebuilder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ConfigMapKeyRef;
import dev.gitops.imagebuilder.api.DataSource;
import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.api.WorkflowType;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {
  static final String DOC =
      "name: flow\nschemaVersion: 1.0\nsteps:\n  - name: s\n    action: BootstrapInstanceForContainer\n";
  private static final SpecValidator VALIDATOR =
      new SpecValidator("eu-west-1", DeletionPolicy.Delete);
  private static final Optional<Map<String, String>> NO_CONFIGMAP = Optional.empty();

  static Stream<Arguments> invalidRows() {
    return Stream.of(
        row(
            "9 YAML that does not parse",
            s -> s.setData("steps: [unclosed"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "not valid YAML"),
        row(
            "a region the AWS SDK does not know, before any AWS call",
            s -> s.setRegion("us-east-7"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "spec.region 'us-east-7' is not an AWS region"),
        row(
            "9 YAML without schemaVersion",
            s -> s.setData("steps:\n  - a: b\n"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "lacks schemaVersion"),
        row(
            "9 YAML without steps",
            s -> s.setData("schemaVersion: 1.0\n"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "lacks steps"),
        row(
            "9 YAML that is not a mapping",
            s -> s.setData("- a\n- b\n"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "YAML mapping"),
        row(
            "9 ConfigMap missing",
            s -> useConfigMap(s, "doc"),
            NO_CONFIGMAP,
            Reason.ConfigMapNotFound,
            "ConfigMap ns/flows not found"),
        row(
            "9 ConfigMap key missing",
            s -> useConfigMap(s, "doc"),
            Optional.of(Map.of("other", DOC)),
            Reason.ConfigMapNotFound,
            "has no key 'doc'"),
        row(
            "9 ConfigMap with invalid YAML",
            s -> useConfigMap(s, "doc"),
            Optional.of(Map.of("doc", "a: [")),
            Reason.InvalidSpec,
            "key 'doc' is not valid YAML"),
        row(
            "data and uri both set",
            s -> s.setUri("s3://b/k"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "exactly one"),
        row(
            "no data source",
            s -> s.setData(null),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "exactly one"),
        row(
            "uri not S3",
            s -> {
              s.setData(null);
              s.setUri("https://x/y");
            },
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "S3 URL"),
        row(
            "version not x.y.z",
            s -> s.setSemanticVersion("1.0"),
            NO_CONFIGMAP,
            Reason.InvalidVersion,
            "<major>.<minor>.<patch>"),
        row(
            "version node above 2^30-1",
            s -> s.setSemanticVersion("1.1073741824.0"),
            NO_CONFIGMAP,
            Reason.InvalidVersion,
            "at most 1073741823"),
        row(
            "bad workflow name",
            s -> s.setName("a"),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "spec.name"),
        row("no type", s -> s.setType(null), NO_CONFIGMAP, Reason.InvalidSpec, "spec.type"),
        row(
            "user tag with the operator's prefix",
            s -> s.setTags(Map.of("imagebuilder.gitops.dev/name", "x")),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "operator's prefix"),
        row(
            "document too long",
            s -> s.setData(DOC + "#".repeat(16_000)),
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "1-16000 characters"),
        row(
            "Plan without a data source",
            s -> {
              s.setData(null);
              s.setManagementPolicy(ManagementPolicy.Plan);
            },
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "exactly one"),
        row(
            "wildcard version under Manage",
            s -> s.setSemanticVersion("1.x.x"),
            NO_CONFIGMAP,
            Reason.InvalidVersion,
            "only with spec.managementPolicy Observe"),
        row(
            "wildcard version under Plan",
            s -> {
              s.setSemanticVersion("x.x.x");
              s.setManagementPolicy(ManagementPolicy.Plan);
            },
            NO_CONFIGMAP,
            Reason.InvalidVersion,
            "only with spec.managementPolicy Observe"),
        row(
            "wildcard in the middle under Observe",
            s -> {
              s.setSemanticVersion("1.x.0");
              s.setManagementPolicy(ManagementPolicy.Observe);
            },
            NO_CONFIGMAP,
            Reason.InvalidVersion,
            "rightmost nodes may be x"),
        row(
            "Observe with two data sources",
            s -> {
              s.setUri("s3://b/k");
              s.setManagementPolicy(ManagementPolicy.Observe);
            },
            NO_CONFIGMAP,
            Reason.InvalidSpec,
            "or none, under managementPolicy Observe"));
  }

  @Test
  void observeNeedsNoContentAndTakesWildcards() {
    DesiredWorkflow d =
        valid(
            resource(
                s -> {
                  s.setData(null);
                  s.setSemanticVersion("1.x.x");
                  s.setManagementPolicy(ManagementPolicy.Observe);
                },
                Map.of()),
            NO_CONFIGMAP);
    assertThat(d.policy()).isEqualTo(ManagementPolicy.Observe);
    assertThat(d.hasContent()).isFalse();
    assertThat(d.semanticVersion()).isEqualTo("1.x.x");
  }

  @Test
  void absentPolicyIsManageAndPartOfTheRetryFingerprint() {
    DesiredWorkflow managed = valid(resource(s -> {}, Map.of()), NO_CONFIGMAP);
    DesiredWorkflow planned =
        valid(resource(s -> s.setManagementPolicy(ManagementPolicy.Plan), Map.of()), NO_CONFIGMAP);
    assertThat(managed.policy()).isEqualTo(ManagementPolicy.Manage);
    assertThat(planned.policy()).isEqualTo(ManagementPolicy.Plan);
    assertThat(managed.fingerprint()).isNotEqualTo(planned.fingerprint());
    assertThat(managed.contentHash()).isEqualTo(planned.contentHash());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRows")
  void refusesWithoutCallingAws(
      String row,
      Consumer<ImageBuilderWorkflowSpec> change,
      Optional<Map<String, String>> configMap,
      Reason reason,
      String messagePart) {
    Resolution resolution = VALIDATOR.resolve(resource(change, Map.of()), configMap);
    assertThat(resolution).isInstanceOf(Resolution.Invalid.class);
    Resolution.Invalid invalid = (Resolution.Invalid) resolution;
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.message()).contains(messagePart);
  }

  @Test
  void yamlErrorsDoNotQuoteTheDocument() {
    Resolution resolution =
        VALIDATOR.resolve(
            resource(s -> s.setData("schemaVersion: 1.0\nsteps: [secret-step\n"), Map.of()),
            NO_CONFIGMAP);
    assertThat(((Resolution.Invalid) resolution).message())
        .contains("not valid YAML", "line")
        .doesNotContain("secret-step");
  }

  @Test
  void inlineDataResolvesWithDefaults() {
    DesiredWorkflow d = valid(resource(s -> {}, Map.of()), NO_CONFIGMAP);
    assertThat(d.data()).isEqualTo(DOC);
    assertThat(d.region()).isEqualTo("eu-west-1");
    assertThat(d.deletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    assertThat(d.adopt()).isFalse();
    assertThat(d.generation()).isEqualTo(3);
  }

  @Test
  void workflowNameDefaultsToMetadataName() {
    ImageBuilderWorkflow resource = resource(s -> s.setName(null), Map.of());
    resource.getMetadata().setName("team-flow");
    assertThat(valid(resource, NO_CONFIGMAP).workflowName()).isEqualTo("team-flow");
    resource
        .getMetadata()
        .setName("team.flow"); // a valid Kubernetes name, not a valid workflow name
    assertThat(((Resolution.Invalid) VALIDATOR.resolve(resource, NO_CONFIGMAP)).message())
        .contains("default: metadata.name", "'team.flow'");
  }

  @Test
  void configMapDataIsResolvedAndChangesTheContentHash() {
    DesiredWorkflow fromMap =
        valid(resource(s -> useConfigMap(s, "doc"), Map.of()), Optional.of(Map.of("doc", DOC)));
    DesiredWorkflow edited =
        valid(
            resource(s -> useConfigMap(s, "doc"), Map.of()),
            Optional.of(Map.of("doc", DOC + "# edited\n")));
    assertThat(fromMap.data()).isEqualTo(DOC);
    assertThat(fromMap.contentHash()).isNotEqualTo(edited.contentHash());
  }

  @Test
  void regionsOfEveryPartitionAndConfiguredExtraRegionsAreKnown() {
    for (String region : new String[] {"cn-north-1", "us-gov-west-1", "eu-south-2"}) {
      assertThat(valid(resource(s -> s.setRegion(region), Map.of()), NO_CONFIGMAP).region())
          .isEqualTo(region);
    }
    SpecValidator withExtra =
        new SpecValidator(
            "eu-west-1",
            DeletionPolicy.Delete,
            new dev.gitops.imagebuilder.aws.KnownRegions(java.util.Set.of("us-east-7")));
    assertThat(withExtra.resolve(resource(s -> s.setRegion("us-east-7"), Map.of()), NO_CONFIGMAP))
        .isInstanceOf(Resolution.Valid.class);
  }

  @Test
  void uriIsPassedThroughAndSpecSettingsWin() {
    DesiredWorkflow d =
        valid(
            resource(
                s -> {
                  s.setData(null);
                  s.setUri("s3://bucket/flow.yaml");
                  s.setRegion("ap-south-1");
                  s.setDeletionPolicy(DeletionPolicy.Retain);
                },
                Map.of(SpecValidator.ADOPT_ANNOTATION, "true")),
            NO_CONFIGMAP);
    assertThat(d.uri()).isEqualTo("s3://bucket/flow.yaml");
    assertThat(d.data()).isNull();
    assertThat(d.region()).isEqualTo("ap-south-1");
    assertThat(d.deletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    assertThat(d.adopt()).isTrue();
  }

  @Test
  void tagsDoNotChangeTheContentHashButDescriptionDoes() {
    DesiredWorkflow plain = valid(resource(s -> {}, Map.of()), NO_CONFIGMAP);
    DesiredWorkflow tagged =
        valid(resource(s -> s.setTags(Map.of("a", "b")), Map.of()), NO_CONFIGMAP);
    DesiredWorkflow described = valid(resource(s -> s.setDescription("d"), Map.of()), NO_CONFIGMAP);
    assertThat(tagged.contentHash()).isEqualTo(plain.contentHash());
    assertThat(described.contentHash()).isNotEqualTo(plain.contentHash());
    assertThat(tagged.buildTags())
        .containsEntry("a", "b")
        .containsEntry(Ownership.NAMESPACE_TAG, "ns")
        .containsEntry(Ownership.NAME_TAG, "res")
        .containsEntry(Ownership.UID_TAG, "uid-1")
        .containsEntry(Ownership.CONTENT_HASH_TAG, plain.contentHash());
  }

  @Test
  void clientTokenIsADeterministicUuidOf36Characters() {
    DesiredWorkflow d = valid(resource(s -> {}, Map.of()), NO_CONFIGMAP);
    assertThat(d.clientToken(""))
        .isEqualTo(d.clientToken(""))
        .hasSize(36)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(d.clientToken("arn-1")).isNotEqualTo(d.clientToken(""));
    DesiredWorkflow v2 =
        valid(resource(s -> s.setSemanticVersion("2.0.0"), Map.of()), NO_CONFIGMAP);
    assertThat(v2.clientToken("")).isNotEqualTo(d.clientToken(""));
  }

  private static DesiredWorkflow valid(
      ImageBuilderWorkflow resource, Optional<Map<String, String>> configMap) {
    Resolution resolution = VALIDATOR.resolve(resource, configMap);
    assertThat(resolution).isInstanceOf(Resolution.Valid.class);
    return ((Resolution.Valid) resolution).desired();
  }

  static ImageBuilderWorkflow resource(
      Consumer<ImageBuilderWorkflowSpec> change, Map<String, String> annotations) {
    ImageBuilderWorkflowSpec spec = new ImageBuilderWorkflowSpec();
    spec.setName("flow");
    spec.setType(WorkflowType.BUILD);
    spec.setSemanticVersion("1.0.0");
    spec.setData(DOC);
    change.accept(spec);
    ImageBuilderWorkflow resource = new ImageBuilderWorkflow();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("ns")
            .withName("res")
            .withUid("uid-1")
            .withGeneration(3L)
            .withAnnotations(annotations)
            .build());
    resource.setSpec(spec);
    return resource;
  }

  private static void useConfigMap(ImageBuilderWorkflowSpec spec, String key) {
    ConfigMapKeyRef ref = new ConfigMapKeyRef();
    ref.setName("flows");
    ref.setKey(key);
    DataSource source = new DataSource();
    source.setConfigMapKeyRef(ref);
    spec.setData(null);
    spec.setDataFrom(source);
  }

  private static Arguments row(
      String name,
      Consumer<ImageBuilderWorkflowSpec> change,
      Optional<Map<String, String>> configMap,
      Reason reason,
      String messagePart) {
    return Arguments.of(name, change, configMap, reason, messagePart);
  }
}

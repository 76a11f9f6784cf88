package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The generated CRD has the names, columns, descriptions and rules the API promises. */
class CrdSchemaTest {
  private final CustomResourceDefinition crd = CrdFiles.load(CrdFiles.GENERATED);
  private final CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
  private final JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();

  @Test
  void namesAndScope() {
    var names = crd.getSpec().getNames();
    assertThat(crd.getSpec().getGroup()).isEqualTo("imagebuilder.gitops.dev");
    assertThat(names.getKind()).isEqualTo("ImageBuilderWorkflow");
    assertThat(names.getPlural()).isEqualTo("imagebuilderworkflows");
    assertThat(names.getShortNames()).containsExactly("ibw");
    assertThat(names.getCategories()).containsExactly("imagebuilder");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(v -> assertThat(v.getName()).isEqualTo("v1alpha1"));
    assertThat(version.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printerColumnsInReadingOrderWithAccountAndArnOnlyInWideOutput() {
    List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
    assertThat(columns)
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly(
            "Version", "Type", "Account", "Ready", "Reason", "Plan", "Build ARN", "Age");
    assertThat(columns)
        .extracting(CustomResourceColumnDefinition::getPriority)
        .containsExactly(0, 0, 1, 0, 0, 0, 1, 0);
  }

  @Test
  void everyFieldHasADescription() {
    List<String> undocumented = new ArrayList<>();
    walk(
        "",
        root,
        (path, schema) -> {
          if (!path.isEmpty()
              && (schema.getDescription() == null || schema.getDescription().isBlank())) {
            undocumented.add(path);
          }
        });
    assertThat(undocumented).isEmpty();
  }

  @Test
  void noSchemaDefaultsSoArgoCdSeesNoDrift() {
    List<String> withDefault = new ArrayList<>();
    walk(
        "",
        root,
        (path, schema) -> {
          if (schema.getDefault() != null) {
            withDefault.add(path);
          }
        });
    assertThat(withDefault).isEmpty();
  }

  @Test
  void everyCelRuleMessageNamesASpecField() {
    List<ValidationRule> rules = new ArrayList<>();
    walk(
        "",
        root,
        (path, schema) -> {
          if (schema.getXKubernetesValidations() != null) {
            rules.addAll(schema.getXKubernetesValidations());
          }
        });
    assertThat(rules)
        .hasSizeGreaterThanOrEqualTo(9)
        .allSatisfy(rule -> assertThat(rule.getMessage()).containsPattern("spec\\.[a-zA-Z]+"));
  }

  @Test
  void requiredFieldsAreTheOnesCreateWorkflowRequires() {
    JSONSchemaProps spec = root.getProperties().get("spec");
    assertThat(root.getRequired()).containsExactly("spec");
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("type", "semanticVersion");
    assertThat(spec.getProperties())
        .containsOnlyKeys(
            "name",
            "type",
            "semanticVersion",
            "description",
            "changeDescription",
            "data",
            "uri",
            "dataFrom",
            "kmsKeyId",
            "tags",
            "region",
            "deletionPolicy",
            "retention",
            "managementPolicy");
  }

  private static void walk(
      String path, JSONSchemaProps schema, BiConsumer<String, JSONSchemaProps> visit) {
    visit.accept(path, schema);
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
        walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), visit);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walk(
          path + "[]",
          schema.getItems().getSchema(),
          (p, s) -> {
            if (s != schema.getItems().getSchema()) {
              visit.accept(p, s);
            }
          });
    }
  }
}

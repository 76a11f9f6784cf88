package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An EC2 Image Builder workflow, kept in Git and reconciled into immutable workflow versions in
 * AWS.
 *
 * <p>Printer columns: Fabric8 orders them by JSON path, case-insensitively. To show them in reading
 * order (Age last, Ready before Reason) the paths use two spellings the Kubernetes JSONPath parser
 * reads the same: a backslash-escaped first field ({@code .\spec} is {@code .spec}) sorts before
 * {@code .metadata}, and a double-quoted filter value sorts before a single-quoted one.
 *
 * <p>The CRD generator (Fabric8 7.5) cannot describe the kind itself, so {@code kubectl explain
 * imagebuilderworkflow} shows an empty description at the top; spec and status are described
 * through the getters below.
 */
@Group(ImageBuilderWorkflow.GROUP)
@Version(ImageBuilderWorkflow.VERSION)
@Kind("ImageBuilderWorkflow")
@Plural("imagebuilderworkflows")
@ShortNames("ibw")
@Categories("imagebuilder")
// spec.name defaults to metadata.name, which Kubernetes allows to hold dots and 253 characters
@ValidationRule(
    value =
        "!has(self.spec) || has(self.spec.name) || self.metadata.name.matches('"
            + ImageBuilderWorkflowSpec.NAME_PATTERN
            + "')",
    message =
        "metadata.name is not a valid Image Builder workflow name (3 to 128 letters, digits, '-' and '_'): "
            + "set spec.name")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".\\spec.semanticVersion", type = Type.STRING)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".\\spec.type", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    type = Type.STRING,
    jsonPath = ".\\status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    type = Type.STRING,
    jsonPath = ".\\status.conditions[?(@.type=='Ready')].reason")
@AdditionalPrinterColumn(name = "Plan", type = Type.STRING, jsonPath = ".\\status.plan.action")
@AdditionalPrinterColumn(
    name = "Build ARN",
    jsonPath = ".\\status.workflowBuildVersionArn",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Account",
    jsonPath = ".\\status.accountId",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ImageBuilderWorkflow
    extends CustomResource<ImageBuilderWorkflowSpec, ImageBuilderWorkflowStatus>
    implements Namespaced {
  public static final String GROUP = "imagebuilder.gitops.dev";
  public static final String VERSION = "v1alpha1";

  /** The desired workflow, written by its owner (Git, Argo CD); the operator never changes it. */
  @Override
  @Required
  @JsonPropertyDescription(
      "The desired workflow, written by its owner (for example Git through Argo CD); "
          + "the operator never changes it.")
  public ImageBuilderWorkflowSpec getSpec() {
    return super.getSpec();
  }

  /** What the operator observed and did. */
  @Override
  @JsonPropertyDescription("What the operator observed and did; written only by the operator.")
  public ImageBuilderWorkflowStatus getStatus() {
    return super.getStatus();
  }
}

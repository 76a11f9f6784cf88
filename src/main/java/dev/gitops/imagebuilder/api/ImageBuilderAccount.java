package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cluster admin's mapping of namespaces to the AWS account (an IAM role) their workflows live in.
 * Cluster-scoped, so that the tenants of a namespace, who may edit their workflows, cannot choose
 * the role: a workflow never names a role itself. The operator only reads the spec and writes the
 * status.
 */
@Group(ImageBuilderWorkflow.GROUP)
@Version(ImageBuilderWorkflow.VERSION)
@Kind("ImageBuilderAccount")
@Plural("imagebuilderaccounts")
@ShortNames("iba")
@Categories("imagebuilder")
@AdditionalPrinterColumn(name = "Role", jsonPath = ".\\spec.roleArn", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    type = Type.STRING,
    jsonPath = ".\\status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    type = Type.STRING,
    jsonPath = ".\\status.conditions[?(@.type=='Ready')].reason")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ImageBuilderAccount
    extends CustomResource<ImageBuilderAccountSpec, ImageBuilderAccountStatus> {

  @Override
  @Required
  @JsonPropertyDescription(
      "Which namespaces use which IAM role; written by cluster admins, read by the operator.")
  public ImageBuilderAccountSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "The namespaces the mapping selects and whether it is in effect; written by the operator.")
  public ImageBuilderAccountStatus getStatus() {
    return super.getStatus();
  }
}

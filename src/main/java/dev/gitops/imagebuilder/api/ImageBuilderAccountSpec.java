package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Namespaces, by name or by label, mapped to the IAM role the operator assumes (STS AssumeRole) for
 * their workflows. No field has a schema default (Argo CD would show the mapping out of sync).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.namespaces) || has(self.namespaceSelector)",
    message = "one of spec.namespaces or spec.namespaceSelector is required")
public class ImageBuilderAccountSpec {
  /** An IAM role ARN, as STS AssumeRole accepts it, in any partition. */
  public static final String ROLE_ARN_PATTERN =
      "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$";

  @JsonPropertyDescription(
      "Namespaces mapped by name. A namespace may be selected by one mapping only: a namespace"
          + " two mappings select is refused (its workflows report AccountMappingConflict).")
  @Size(max = 1000)
  private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> namespaces;

  @JsonPropertyDescription(
      "Namespaces mapped by their labels (matchLabels and matchExpressions, as everywhere in"
          + " Kubernetes). Combined with spec.namespaces, a namespace matching either is mapped.")
  private LabelSelector namespaceSelector;

  @Required
  @Pattern(ROLE_ARN_PATTERN)
  @JsonPropertyDescription(
      "The IAM role the operator assumes for these namespaces' workflows, for example"
          + " arn:aws:iam::111122223333:role/imagebuilder-workflows. Its trust policy must allow"
          + " the operator's own role sts:AssumeRole (deploy/iam/trust-policy.json).")
  private String roleArn;

  @Pattern("^[\\w+=,.@:/-]+$")
  @Size(min = 2, max = 1224)
  @JsonPropertyDescription(
      "The external ID the role's trust policy requires (sts:ExternalId), if any.")
  private String externalId;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getExternalId() {
    return externalId;
  }

  public void setExternalId(String externalId) {
    this.externalId = externalId;
  }
}

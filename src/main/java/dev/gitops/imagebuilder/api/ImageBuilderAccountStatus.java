package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator makes of a mapping: the namespaces it selects and whether it is in effect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageBuilderAccountStatus {
  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The AWS account of spec.roleArn.")
  private String accountId;

  @JsonPropertyDescription(
      "The existing namespaces the mapping selects, sorted (those another mapping also selects"
          + " included).")
  private List<String> namespaces = new ArrayList<>();

  @JsonPropertyDescription(
      "Namespaces this mapping and another both select, as namespace: other mapping; the"
          + " workflows there use neither until one mapping lets go. Absent when none.")
  private List<String> conflicts;

  @JsonPropertyDescription(
      "Ready: True (reason Mapped) when the mapping is in effect for all the namespaces it"
          + " selects; False (reason AccountMappingConflict) when another mapping selects one of"
          + " them too.")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getAccountId() {
    return accountId;
  }

  public void setAccountId(String accountId) {
    this.accountId = accountId;
  }

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public List<String> getConflicts() {
    return conflicts;
  }

  public void setConflicts(List<String> conflicts) {
    this.conflicts = conflicts;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}

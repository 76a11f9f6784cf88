package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageBuilderWorkflowStatus {

  /** The metadata.generation this status describes. */
  @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  /** ARN of the build version that matches the current spec. */
  @JsonPropertyDescription(
      "ARN of the workflow build version that matches the current spec, "
          + "arn:aws:imagebuilder:REGION:ACCOUNT:workflow/TYPE/NAME/MAJOR.MINOR.PATCH/BUILD.")
  private String workflowBuildVersionArn;

  /** Semantic version of that build. */
  @JsonPropertyDescription(
      "Semantic version of the workflow build version in workflowBuildVersionArn.")
  private String semanticVersion;

  /** Build number Image Builder assigned (the fourth version node). */
  @JsonPropertyDescription(
      "Build number Image Builder assigned to that version (the fourth version node).")
  private Integer buildVersion;

  /** Wildcard ARNs for pipelines that should follow new versions. */
  @JsonPropertyDescription(
      "Wildcard ARNs that always resolve to the newest matching build of this workflow, "
          + "for image pipelines that should follow new versions.")
  private LatestVersionReferences latestVersionReferences;

  /** Hash of the workflow content last sent to AWS. */
  @JsonPropertyDescription(
      "Hash of the workflow content and settings last sent to AWS; a change means a new "
          + "build version is due.")
  private String contentHash;

  /** State of the build version in AWS when not active, such as DEPRECATED. */
  @JsonPropertyDescription(
      "State of the workflow build version in AWS when it is not active, such as "
          + "DEPRECATED; absent while it is active.")
  private String state;

  /** Build versions this resource created or adopted, most recent first, bounded. */
  @JsonPropertyDescription(
      "Workflow build versions this resource created or adopted, most recent first; "
          + "only the most recent entries are kept.")
  private List<HistoryEntry> history = new ArrayList<>();

  /** Owned builds the operator could not delete because they are in use. */
  @JsonPropertyDescription(
      "Builds this resource owns that the operator tried to delete (spec.retention, or deletion of"
          + " the resource) and Image Builder reported in use by a recipe or pipeline; tried again"
          + " at the drift check interval (retention) or with backoff (deletion). Absent when"
          + " none.")
  private List<String> blockedBuilds;

  /** The AWS account the resource's builds are in. */
  @JsonPropertyDescription(
      "The AWS account this resource's workflows are in: that of its current build, or, before"
          + " the first build, that of the role its namespace maps to. Absent while unknown (the"
          + " operator's own credentials and no build yet).")
  private String accountId;

  /** The role the operator assumed for this resource; absent for its own credentials. */
  @JsonPropertyDescription(
      "The IAM role the operator assumed for this resource (from the ImageBuilderAccount that"
          + " maps its namespace); absent when it used its own credentials. A resource keeps the"
          + " account its builds are in: see the AccountChanged reason.")
  private String roleArn;

  /** Ready, Reconciling and Stalled, in the Kubernetes condition shape. */
  @JsonPropertyDescription(
      "Standard Kubernetes conditions: Ready (the summary kubectl wait and Argo CD read), "
          + "Reconciling (work in progress) and Stalled (needs a human), as kstatus defines them.")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  /** Under managementPolicy Plan: what applying would do. */
  @JsonPropertyDescription(
      "Under managementPolicy Plan: what applying the spec would do, and whether it would succeed.")
  private PlanStatus plan;

  /** Under managementPolicy Observe: what was found beyond the build. */
  @JsonPropertyDescription(
      "Under managementPolicy Observe: who owns the observed workflow, its tags, and whether its "
          + "content matches the spec.")
  private ObservedStatus observed;

  /** When the operator last changed this status after comparing the resource with AWS. */
  @JsonPropertyDescription(
      "When the operator last changed this status after comparing the resource with AWS "
          + "(RFC 3339). Periodic drift checks that find nothing changed do not rewrite status, so this time stays.")
  private String lastSyncTime;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getWorkflowBuildVersionArn() {
    return workflowBuildVersionArn;
  }

  public void setWorkflowBuildVersionArn(String arn) {
    this.workflowBuildVersionArn = arn;
  }

  public String getSemanticVersion() {
    return semanticVersion;
  }

  public void setSemanticVersion(String semanticVersion) {
    this.semanticVersion = semanticVersion;
  }

  public Integer getBuildVersion() {
    return buildVersion;
  }

  public void setBuildVersion(Integer buildVersion) {
    this.buildVersion = buildVersion;
  }

  public LatestVersionReferences getLatestVersionReferences() {
    return latestVersionReferences;
  }

  public void setLatestVersionReferences(LatestVersionReferences refs) {
    this.latestVersionReferences = refs;
  }

  public String getContentHash() {
    return contentHash;
  }

  public void setContentHash(String contentHash) {
    this.contentHash = contentHash;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public List<HistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<HistoryEntry> history) {
    this.history = history;
  }

  public String getAccountId() {
    return accountId;
  }

  public void setAccountId(String accountId) {
    this.accountId = accountId;
  }

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public PlanStatus getPlan() {
    return plan;
  }

  public void setPlan(PlanStatus plan) {
    this.plan = plan;
  }

  public ObservedStatus getObserved() {
    return observed;
  }

  public void setObserved(ObservedStatus observed) {
    this.observed = observed;
  }

  public String getLastSyncTime() {
    return lastSyncTime;
  }

  public void setLastSyncTime(String lastSyncTime) {
    this.lastSyncTime = lastSyncTime;
  }

  public List<String> getBlockedBuilds() {
    return blockedBuilds;
  }

  public void setBlockedBuilds(List<String> blockedBuilds) {
    this.blockedBuilds = blockedBuilds;
  }
}

package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** What applying the spec would do, as planned under managementPolicy Plan. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {

  @JsonPropertyDescription(
      "The action applying would take: Create, Retag, Adopt, Conflict or Nothing.")
  private String action;

  @JsonPropertyDescription("The metadata.generation this plan was made for.")
  private Long generation;

  @JsonPropertyDescription("Semantic version the action concerns.")
  private String semanticVersion;

  @JsonPropertyDescription(
      "For Create: the build number Image Builder would give (one above the highest build of the"
          + " version seen; higher if builds were deleted since).")
  private Integer buildVersion;

  @JsonPropertyDescription(
      "The build the action concerns: the build a Create would make (when its account is known), the"
          + " build to re-tag, the newest build to adopt, or the build already up to date.")
  private String workflowBuildVersionArn;

  @JsonPropertyDescription("For Retag: the tags that would be added or changed.")
  private Map<String, String> tagsToAdd;

  @JsonPropertyDescription("For Retag: the tag keys that would be removed.")
  private List<String> tagsToRemove;

  @JsonPropertyDescription("For Adopt: the builds that would be tagged as owned by this resource.")
  private List<String> buildsToAdopt;

  @JsonPropertyDescription(
      "For Create: the verdict of CreateWorkflow with dryRun, Passed or Refused.")
  private String dryRunVerdict;

  @JsonPropertyDescription(
      "What the plan found: the service's message for a dry run, or why applying would stop.")
  private String message;

  @JsonPropertyDescription("Hash of the workflow content and settings the plan was made for.")
  private String contentHash;

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
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

  public String getWorkflowBuildVersionArn() {
    return workflowBuildVersionArn;
  }

  public void setWorkflowBuildVersionArn(String arn) {
    this.workflowBuildVersionArn = arn;
  }

  public Map<String, String> getTagsToAdd() {
    return tagsToAdd;
  }

  public void setTagsToAdd(Map<String, String> tagsToAdd) {
    this.tagsToAdd = tagsToAdd;
  }

  public List<String> getTagsToRemove() {
    return tagsToRemove;
  }

  public void setTagsToRemove(List<String> tagsToRemove) {
    this.tagsToRemove = tagsToRemove;
  }

  public List<String> getBuildsToAdopt() {
    return buildsToAdopt;
  }

  public void setBuildsToAdopt(List<String> buildsToAdopt) {
    this.buildsToAdopt = buildsToAdopt;
  }

  public String getDryRunVerdict() {
    return dryRunVerdict;
  }

  public void setDryRunVerdict(String dryRunVerdict) {
    this.dryRunVerdict = dryRunVerdict;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getContentHash() {
    return contentHash;
  }

  public void setContentHash(String contentHash) {
    this.contentHash = contentHash;
  }
}

package dev.gitops.imagebuilder.api;

import java.util.Map;

/** The desired workflow: one field per CreateWorkflow parameter, plus operator-level settings. */
public class ImageBuilderWorkflowSpec {
  private String name;
  private WorkflowType type;
  private String semanticVersion;
  private String description;
  private String changeDescription;
  private String data;
  private String uri;
  private DataSource dataFrom;
  private String kmsKeyId;
  private Map<String, String> tags;
  private String region;
  private DeletionPolicy deletionPolicy;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public WorkflowType getType() { return type; }
  public void setType(WorkflowType type) { this.type = type; }
  public String getSemanticVersion() { return semanticVersion; }
  public void setSemanticVersion(String semanticVersion) { this.semanticVersion = semanticVersion; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
  public String getChangeDescription() { return changeDescription; }
  public void setChangeDescription(String changeDescription) { this.changeDescription = changeDescription; }
  public String getData() { return data; }
  public void setData(String data) { this.data = data; }
  public String getUri() { return uri; }
  public void setUri(String uri) { this.uri = uri; }
  public DataSource getDataFrom() { return dataFrom; }
  public void setDataFrom(DataSource dataFrom) { this.dataFrom = dataFrom; }
  public String getKmsKeyId() { return kmsKeyId; }
  public void setKmsKeyId(String kmsKeyId) { this.kmsKeyId = kmsKeyId; }
  public Map<String, String> getTags() { return tags; }
  public void setTags(Map<String, String> tags) { this.tags = tags; }
  public String getRegion() { return region; }
  public void setRegion(String region) { this.region = region; }
  public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
  public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }
}

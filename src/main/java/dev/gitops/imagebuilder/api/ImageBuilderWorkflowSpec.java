package dev.gitops.imagebuilder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * The desired workflow: one field per CreateWorkflow parameter, plus operator-level settings.
 *
 * <p>The annotations are the admission-time contract: the CRD generator turns them into the OpenAPI
 * schema and CEL rules, so the API server refuses a resource AWS would refuse. Every CEL message
 * names the field it is about, because for an object-level rule the message is all that says so. No
 * field has a schema default: Argo CD would show the resource out of sync forever.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.managementPolicy) && self.managementPolicy == 'Observe')"
            + " || [has(self.data), has(self.uri), has(self.dataFrom)].exists(set, set)",
    message =
        "one of spec.data, spec.uri or spec.dataFrom is required unless spec.managementPolicy is"
            + " Observe")
@ValidationRule(
    value =
        "!self.semanticVersion.contains('x')"
            + " || (has(self.managementPolicy) && self.managementPolicy == 'Observe')",
    message = "spec.semanticVersion may hold wildcards (x) only with spec.managementPolicy Observe",
    fieldPath = ".semanticVersion")
@ValidationRule(
    value = "[has(self.data), has(self.uri), has(self.dataFrom)].filter(set, set).size() <= 1",
    message = "spec.data, spec.uri and spec.dataFrom are mutually exclusive: set only one")
// name and region are optional, so a field-level transition rule would miss set->unset; compare
// here.
@ValidationRule(
    value = "has(self.name) == has(oldSelf.name) && (!has(self.name) || self.name == oldSelf.name)",
    message = "spec.name is immutable; create a new resource instead",
    fieldPath = ".name")
@ValidationRule(
    value =
        "has(self.region) == has(oldSelf.region) && (!has(self.region) || self.region == oldSelf.region)",
    message = "spec.region is immutable; create a new resource instead",
    fieldPath = ".region")
public class ImageBuilderWorkflowSpec {
  /** CreateWorkflow's name pattern: 3 to 128 characters, spaces only inside. */
  static final String NAME_PATTERN = "^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$";

  /** major.minor.patch, or with wildcards replacing the rightmost nodes (Observe only). */
  static final String VERSION_PATTERN =
      "^([0-9]+\\.[0-9]+\\.[0-9]+|[0-9]+\\.[0-9]+\\.x|[0-9]+\\.x\\.x|x\\.x\\.x)$";

  /**
   * Workflow name in Image Builder; defaults to metadata.name (applied by the operator, not the
   * schema).
   */
  @JsonPropertyDescription(
      "Name of the workflow in Image Builder: 3 to 128 letters, digits, '-', '_' and inner spaces. "
          + "Defaults to metadata.name. Immutable: to rename, create a new resource.")
  @Size(min = 3, max = 128)
  @Pattern(NAME_PATTERN)
  private String name;

  /** The phase of the image build this workflow runs in. */
  @JsonPropertyDescription(
      "Phase of the image build the workflow runs in: BUILD, TEST or DISTRIBUTION. "
          + "Immutable: to change it, create a new resource.")
  @Required
  @ValidationRule(
      value = "self == oldSelf",
      message = "spec.type is immutable; create a new resource instead")
  private WorkflowType type;

  /** major.minor.patch; Image Builder assigns the build number. */
  @JsonPropertyDescription(
      "Semantic version major.minor.patch of the workflow, each node 0 to 1073741823 "
          + "(for example 1.0.0 or 2026.11.25; at most 32 characters). Image Builder assigns the fourth node, "
          + "the build number. Changing it creates a new workflow version. Under managementPolicy Observe it "
          + "may end in wildcards as Image Builder accepts them (x.x.x, 1.x.x, 1.2.x): the newest matching "
          + "build is observed.")
  @Required
  @Size(max = 32)
  @Pattern(VERSION_PATTERN)
  @ValidationRule(
      value =
          "self.split('.').all(n, n == 'x' || (n.matches('^0*[0-9]{1,10}$') && int(n) <= 1073741823))",
      message = "major, minor and patch of spec.semanticVersion must each be at most 1073741823")
  private String semanticVersion;

  /** Describes the workflow. */
  @JsonPropertyDescription("Describes the workflow (1 to 1024 characters).")
  @Size(min = 1, max = 1024)
  private String description;

  /** What changed in this version. */
  @JsonPropertyDescription(
      "Describes what changed in this version of the workflow (1 to 1024 characters).")
  @Size(min = 1, max = 1024)
  private String changeDescription;

  /** The workflow YAML document, inline. */
  @JsonPropertyDescription(
      "The workflow YAML document inline (1 to 16000 characters, no NUL). "
          + "Exactly one of data, uri or dataFrom is required, unless managementPolicy is Observe.")
  @Size(min = 1, max = 16000)
  @Pattern("^[^\\x00]*$")
  private String data;

  /** An S3 URL of the workflow YAML document. */
  @JsonPropertyDescription(
      "S3 URL of the workflow YAML document, s3://bucket/key; the operator's role must be "
          + "allowed to read it. Exactly one of data, uri or dataFrom is required, unless "
          + "managementPolicy is Observe.")
  @Pattern("^s3://[^/]+/.+$")
  private String uri;

  /** The workflow YAML document, from a ConfigMap. */
  @JsonPropertyDescription(
      "Takes the workflow YAML document from a ConfigMap in the resource's namespace "
          + "(for example one generated by kustomize from a file in Git). "
          + "Exactly one of data, uri or dataFrom is required, unless managementPolicy is Observe.")
  private DataSource dataFrom;

  /** KMS key that encrypts the workflow. */
  @JsonPropertyDescription(
      "ARN of the KMS key (key ARN or alias ARN) that encrypts the workflow resource "
          + "(1 to 1024 characters).")
  @Size(min = 1, max = 1024)
  private String kmsKeyId;

  /** Tags for the workflow resource in AWS. */
  @JsonPropertyDescription(
      "Tags of the workflow resource in AWS: at most 46 (AWS allows 50 and the operator "
          + "adds 4 ownership tags); keys 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with 'aws:' "
          + "or 'imagebuilder.gitops.dev/'; values at most 256 characters.")
  @Size(max = 46)
  @ValidationRule(
      value = "self.all(k, k.size() >= 1 && k.size() <= 128)",
      message = "keys of spec.tags must be 1 to 128 characters long")
  @ValidationRule(
      value = "self.all(k, k.matches('^[a-zA-Z0-9\\\\s_.:/=+\\\\-@]*$'))",
      message = "keys of spec.tags may contain only letters, digits, spaces and _.:/=+-@")
  @ValidationRule(
      value = "self.all(k, !k.startsWith('aws:'))",
      message = "keys of spec.tags must not start with 'aws:' (reserved by AWS)")
  @ValidationRule(
      value = "self.all(k, !k.startsWith('imagebuilder.gitops.dev/'))",
      message =
          "keys of spec.tags must not start with 'imagebuilder.gitops.dev/' (the operator's ownership tags)")
  private Map<String, @Size(max = 256) String> tags;

  /** AWS region; overrides the operator's default region. */
  @JsonPropertyDescription(
      "AWS region of the workflow, such as us-east-1; defaults to the operator's region. "
          + "Immutable: to move a workflow, create a new resource.")
  @Size(max = 32)
  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
  private String region;

  /** What happens in AWS when the resource is deleted. */
  @JsonPropertyDescription(
      "What happens to the workflow build versions in AWS when this resource is deleted: "
          + "Delete or Retain. Defaults to the operator's setting.")
  private DeletionPolicy deletionPolicy;

  /** Which older builds this resource owns are deleted. */
  @JsonPropertyDescription(
      "Deletes older builds this resource owns: keep the newest buildsPerVersion builds of each"
          + " version and/or the builds of the highest versions. Never the current build, never a"
          + " build another resource owns; a build still in use is kept and listed in"
          + " status.blockedBuilds. Absent: nothing is deleted before the resource is.")
  private Retention retention;

  /** What the operator may do in AWS; absent means Manage. */
  @JsonPropertyDescription(
      "What the operator may do in AWS; absent means Manage. Manage: create, tag, adopt and "
          + "delete builds. Plan: plan exactly as Manage would, have CreateWorkflow judge a create with "
          + "dryRun, report the plan in status.plan and write nothing. Observe: only read the named "
          + "workflow (any owner, AWS included; the version may be a wildcard; data, uri and dataFrom "
          + "are optional, and when set the AWS content is compared with them) and report it. Under Plan "
          + "and Observe, deleting the resource deletes nothing in AWS. Any change of policy is allowed; "
          + "from Observe to Manage, builds made elsewhere are taken over only through the adopt "
          + "annotation.")
  private ManagementPolicy managementPolicy;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public WorkflowType getType() {
    return type;
  }

  public void setType(WorkflowType type) {
    this.type = type;
  }

  public String getSemanticVersion() {
    return semanticVersion;
  }

  public void setSemanticVersion(String semanticVersion) {
    this.semanticVersion = semanticVersion;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getChangeDescription() {
    return changeDescription;
  }

  public void setChangeDescription(String changeDescription) {
    this.changeDescription = changeDescription;
  }

  public String getData() {
    return data;
  }

  public void setData(String data) {
    this.data = data;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public DataSource getDataFrom() {
    return dataFrom;
  }

  public void setDataFrom(DataSource dataFrom) {
    this.dataFrom = dataFrom;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Retention getRetention() {
    return retention;
  }

  public void setRetention(Retention retention) {
    this.retention = retention;
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy;
  }
}

package dev.gitops.imagebuilder.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gitops.imagebuilder.api.ConfigMapKeyRef;
import dev.gitops.imagebuilder.api.DeletionPolicy;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowSpec;
import dev.gitops.imagebuilder.api.ManagementPolicy;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.aws.KnownRegions;
import dev.gitops.imagebuilder.aws.Ownership;
import dev.gitops.imagebuilder.status.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks what admission cannot (YAML well-formedness, ConfigMap references) and what it should have
 * (in case the CRD schema is older than the operator), and resolves the spec into a {@link
 * DesiredWorkflow}. Pure: the referenced ConfigMap's data is passed in.
 */
public final class SpecValidator {
  public static final String ADOPT_ANNOTATION = "imagebuilder.gitops.dev/adopt";
  private static final Pattern NAME =
      Pattern.compile("^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$");
  private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
  private static final Pattern WILDCARD_VERSION =
      Pattern.compile("^([0-9]+\\.[0-9]+\\.x|[0-9]+\\.x\\.x|x\\.x\\.x)$");
  private static final long MAX_VERSION_NODE = 1_073_741_823L;
  private static final int MAX_DATA = 16_000;
  private static final int MAX_USER_TAGS = 50 - 4; // ownership and content-hash tags take four
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String defaultRegion;
  private final DeletionPolicy defaultDeletionPolicy;
  private final KnownRegions regions;

  public SpecValidator(String defaultRegion, DeletionPolicy defaultDeletionPolicy) {
    this(defaultRegion, defaultDeletionPolicy, new KnownRegions(Set.of()));
  }

  public SpecValidator(
      String defaultRegion, DeletionPolicy defaultDeletionPolicy, KnownRegions regions) {
    this.defaultRegion = defaultRegion;
    this.defaultDeletionPolicy = defaultDeletionPolicy;
    this.regions = regions;
  }

  /** The Image Builder workflow name: {@code spec.name}, by default {@code metadata.name}. */
  public static String workflowName(ImageBuilderWorkflow resource) {
    String name = resource.getSpec() == null ? null : resource.getSpec().getName();
    return name != null ? name : resource.getMetadata().getName();
  }

  /** The ConfigMap name a resource reads its document from, if it uses one. */
  public static Optional<String> configMapName(ImageBuilderWorkflow resource) {
    ImageBuilderWorkflowSpec spec = resource.getSpec();
    if (spec == null
        || spec.getDataFrom() == null
        || spec.getDataFrom().getConfigMapKeyRef() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(spec.getDataFrom().getConfigMapKeyRef().getName());
  }

  /**
   * @param configMapData the data of the ConfigMap {@link #configMapName} names, empty when it does
   *     not exist (or none is referenced)
   */
  public Resolution resolve(
      ImageBuilderWorkflow resource, Optional<Map<String, String>> configMapData) {
    ImageBuilderWorkflowSpec spec = resource.getSpec();
    if (spec == null) {
      return invalid("spec is required");
    }
    String name = workflowName(resource);
    if (name == null || !NAME.matcher(name).matches()) {
      return invalid(
          "spec.name (default: metadata.name) must be 3-128 letters, digits, '-', '_' (spaces only"
              + " inside), got '"
              + name
              + "'");
    }
    if (spec.getType() == null) {
      return invalid("spec.type is required (BUILD, TEST or DISTRIBUTION)");
    }
    if (!blank(spec.getRegion()) && !regions.contains(spec.getRegion())) {
      return invalid(
          "spec.region '"
              + spec.getRegion()
              + "' is not an AWS region this operator knows; check the spelling, or, for a"
              + " region newer than the operator, have it added to the operator's"
              + " IBW_EXTRA_REGIONS");
    }
    boolean observe = policy(spec) == ManagementPolicy.Observe;
    Optional<String> versionProblem = versionProblem(spec.getSemanticVersion(), observe);
    if (versionProblem.isPresent()) {
      return new Resolution.Invalid(Reason.InvalidVersion, versionProblem.get());
    }
    long sources =
        Stream.of(spec.getData(), spec.getUri(), spec.getDataFrom()).filter(s -> s != null).count();
    if (sources > 1 || (sources == 0 && !observe)) {
      return invalid(
          "exactly one of spec.data, spec.uri and spec.dataFrom must be set"
              + (observe ? " (or none, under managementPolicy Observe)" : "")
              + ", found "
              + sources);
    }
    Optional<String> tagProblem = tagProblem(spec.getTags());
    if (tagProblem.isPresent()) {
      return invalid(tagProblem.get());
    }
    if (spec.getUri() != null) {
      return spec.getUri().startsWith("s3://") && spec.getUri().length() > 5
          ? valid(resource, null)
          : invalid("spec.uri must be an S3 URL (s3://bucket/key)");
    }
    if (spec.getDataFrom() != null) {
      return fromConfigMap(resource, spec.getDataFrom().getConfigMapKeyRef(), configMapData);
    }
    return spec.getData() == null
        ? valid(resource, null)
        : checkedDocument(resource, spec.getData(), "spec.data");
  }

  private Resolution fromConfigMap(
      ImageBuilderWorkflow resource,
      ConfigMapKeyRef ref,
      Optional<Map<String, String>> configMapData) {
    if (ref == null || blank(ref.getName()) || blank(ref.getKey())) {
      return invalid("spec.dataFrom.configMapKeyRef needs a name and a key");
    }
    String where = "ConfigMap " + resource.getMetadata().getNamespace() + "/" + ref.getName();
    if (configMapData.isEmpty()) {
      return new Resolution.Invalid(Reason.ConfigMapNotFound, where + " not found");
    }
    String data = configMapData.get().get(ref.getKey());
    if (data == null) {
      return new Resolution.Invalid(
          Reason.ConfigMapNotFound, where + " has no key '" + ref.getKey() + "'");
    }
    return checkedDocument(resource, data, where + " key '" + ref.getKey() + "'");
  }

  private Resolution checkedDocument(ImageBuilderWorkflow resource, String data, String where) {
    if (data.isEmpty() || data.length() > MAX_DATA || data.indexOf('\0') >= 0) {
      return invalid(
          where + " must be 1-" + MAX_DATA + " characters without NUL, has " + data.length());
    }
    JsonNode document;
    try {
      document = YAML.readTree(data);
    } catch (JsonProcessingException e) {
      return invalid(
          where
              + " is not valid YAML: "
              + problemOnly(e.getOriginalMessage())
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (document == null || !document.isObject()) {
      return invalid(where + " must be a YAML mapping with schemaVersion and steps");
    }
    if (!document.hasNonNull("schemaVersion")) {
      return invalid(where + " lacks schemaVersion");
    }
    JsonNode steps = document.get("steps");
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      return invalid(where + " lacks steps (a non-empty list)");
    }
    return valid(resource, data);
  }

  private Resolution valid(ImageBuilderWorkflow resource, String data) {
    ImageBuilderWorkflowSpec spec = resource.getSpec();
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    boolean adopt = annotations != null && "true".equals(annotations.get(ADOPT_ANNOTATION));
    return new Resolution.Valid(
        new DesiredWorkflow(
            resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(),
            resource.getMetadata().getUid(),
            resource.getMetadata().getGeneration() == null
                ? 0
                : resource.getMetadata().getGeneration(),
            workflowName(resource),
            spec.getType(),
            spec.getSemanticVersion(),
            spec.getDescription(),
            spec.getChangeDescription(),
            data,
            spec.getUri(),
            spec.getKmsKeyId(),
            spec.getTags() == null ? Map.of() : spec.getTags(),
            blank(spec.getRegion()) ? defaultRegion : spec.getRegion(),
            spec.getDeletionPolicy() == null ? defaultDeletionPolicy : spec.getDeletionPolicy(),
            adopt,
            policy(spec),
            AccountRef.OWN)); // the reconciler places it in the account its namespace maps to
  }

  /**
   * The parser's description of the problem without the quoted document lines it adds (indented),
   * so that no part of the workflow body reaches status or logs.
   */
  private static String problemOnly(String parserMessage) {
    return parserMessage
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .reduce((a, b) -> a + "; " + b)
        .orElse("unreadable document");
  }

  /** The policy a spec asks for; absent means Manage. */
  public static ManagementPolicy policy(ImageBuilderWorkflowSpec spec) {
    return spec == null || spec.getManagementPolicy() == null
        ? ManagementPolicy.Manage
        : spec.getManagementPolicy();
  }

  static Optional<String> versionProblem(String version, boolean wildcardsAllowed) {
    if (version != null && !wildcardsAllowed && WILDCARD_VERSION.matcher(version).matches()) {
      return Optional.of(
          "spec.semanticVersion may hold wildcards (x) only with spec.managementPolicy Observe, got '"
              + version
              + "'");
    }
    if (version == null
        || !(VERSION.matcher(version).matches() || WILDCARD_VERSION.matcher(version).matches())) {
      return Optional.of(
          "spec.semanticVersion must be <major>.<minor>.<patch>"
              + (wildcardsAllowed ? " (rightmost nodes may be x)" : "")
              + ", got '"
              + version
              + "'");
    }
    for (String node : version.split("\\.")) {
      if (node.equals("x")) {
        continue;
      }
      if (node.length() > 10 || Long.parseLong(node) > MAX_VERSION_NODE) {
        return Optional.of(
            "spec.semanticVersion nodes must be at most "
                + MAX_VERSION_NODE
                + ", got '"
                + version
                + "'");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tagProblem(Map<String, String> tags) {
    if (tags == null) {
      return Optional.empty();
    }
    if (tags.size() > MAX_USER_TAGS) {
      return Optional.of(
          "spec.tags may hold at most " + MAX_USER_TAGS + " tags (the operator adds 4)");
    }
    return tags.keySet().stream()
        .filter(Ownership::isOperatorTag)
        .findFirst()
        .map(
            key ->
                "spec.tags may not use the operator's prefix "
                    + Ownership.PREFIX
                    + " ("
                    + key
                    + ")");
  }

  private static Resolution invalid(String message) {
    return new Resolution.Invalid(Reason.InvalidSpec, message);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders stored builds as the model's output shapes, member names exactly as the model spells
 * them.
 */
final class WorkflowJson {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter DATE_CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private WorkflowJson() {}

  /**
   * The four wildcard ARNs that follow the newest build: {@code x.x.x}, {@code M.x.x}, {@code
   * M.m.x}, {@code M.m.p}.
   */
  static ObjectNode latestVersionReferences(WorkflowArn build) {
    VersionFilter v = build.version();
    ObjectNode refs = MAPPER.createObjectNode();
    refs.put("latestVersionArn", build.withVersion(new VersionFilter(null, null, null)).toString());
    refs.put(
        "latestMajorVersionArn",
        build.withVersion(new VersionFilter(v.major(), null, null)).toString());
    refs.put(
        "latestMinorVersionArn",
        build.withVersion(new VersionFilter(v.major(), v.minor(), null)).toString());
    refs.put("latestPatchVersionArn", build.withVersion(v).toString());
    return refs;
  }

  /** GetWorkflow's Workflow. */
  static ObjectNode workflow(WorkflowBuild b, String owner) {
    ObjectNode node = common(b.arn(), b, owner);
    putIfSet(node, "changeDescription", b.changeDescription());
    putState(node, b);
    node.put("data", b.data());
    putIfSet(node, "kmsKeyId", b.kmsKeyId());
    node.set("tags", tags(b));
    if (!b.parameters().isEmpty()) {
      ArrayNode params = node.putArray("parameters");
      for (WorkflowParameter p : b.parameters()) {
        ObjectNode param = params.addObject().put("name", p.name()).put("type", p.type());
        if (p.defaultValue() != null) {
          p.defaultValue().forEach(param.putArray("defaultValue")::add);
        }
        putIfSet(param, "description", p.description());
      }
    }
    return node;
  }

  /** ListWorkflows' WorkflowVersion: the version ARN, fields of the newest build. */
  static ObjectNode workflowVersion(WorkflowBuild b, String owner) {
    String versionArn = b.arn().substring(0, b.arn().lastIndexOf('/'));
    return common(versionArn, b, owner);
  }

  /** ListWorkflowBuildVersions' WorkflowSummary. */
  static ObjectNode workflowSummary(WorkflowBuild b, String owner) {
    ObjectNode node = common(b.arn(), b, owner);
    putIfSet(node, "changeDescription", b.changeDescription());
    putState(node, b);
    node.set("tags", tags(b));
    return node;
  }

  static ObjectNode tags(WorkflowBuild b) {
    ObjectNode tags = MAPPER.createObjectNode();
    b.tags().forEach(tags::put);
    return tags;
  }

  private static ObjectNode common(String arn, WorkflowBuild b, String owner) {
    ObjectNode node =
        MAPPER.createObjectNode().put("arn", arn).put("name", b.name()).put("version", b.version());
    putIfSet(node, "description", b.description());
    node.put("type", b.type()).put("owner", owner);
    node.put("dateCreated", DATE_CREATED.format(b.dateCreated()));
    return node;
  }

  private static void putState(ObjectNode node, WorkflowBuild b) {
    if (b.deprecationReason() != null) {
      node.putObject("state").put("status", "DEPRECATED").put("reason", b.deprecationReason());
    }
  }

  private static void putIfSet(ObjectNode node, String member, String value) {
    if (value != null) {
      node.put(member, value);
    }
  }
}

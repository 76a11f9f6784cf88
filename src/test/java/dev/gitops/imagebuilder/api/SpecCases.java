package dev.gitops.imagebuilder.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The admission rules as data: specs the API server must refuse (one rule each, naming the field),
 * boundary specs it must accept, and updates it must refuse. Each refused spec breaks exactly one
 * rule, because the server skips the CEL rules of an object that already failed its schema.
 */
final class SpecCases {
  static final String DOCUMENT =
      "schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n";

  /**
   * A spec change, and what the refusal must mention: the field path and a fragment of the reason.
   */
  record Refused(String rule, Consumer<Map<String, Object>> change, String field, String reason) {
    @Override
    public String toString() {
      return rule;
    }
  }

  /** A spec at the edge of a rule that must still be accepted. */
  record Accepted(String boundary, Consumer<Map<String, Object>> change) {
    @Override
    public String toString() {
      return boundary;
    }
  }

  /** A valid spec, changed by an update the server must refuse. */
  record RefusedUpdate(
      String rule,
      Consumer<Map<String, Object>> before,
      Consumer<Map<String, Object>> after,
      String field) {
    @Override
    public String toString() {
      return rule;
    }
  }

  private SpecCases() {}

  static Map<String, Object> validSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "BUILD");
    spec.put("semanticVersion", "1.0.0");
    spec.put("data", DOCUMENT);
    return spec;
  }

  static List<Refused> refused() {
    return List.of(
        refused("type missing", s -> s.remove("type"), "spec.type", "Required value"),
        refused(
            "type not an Image Builder type",
            s -> s.put("type", "IMAGE"),
            "spec.type",
            "Unsupported value"),
        refused(
            "semanticVersion missing",
            s -> s.remove("semanticVersion"),
            "spec.semanticVersion",
            "Required"),
        refused(
            "semanticVersion with two nodes",
            version("1.0"),
            "spec.semanticVersion",
            "should match"),
        refused(
            "semanticVersion with a v prefix",
            version("v1.0.0"),
            "spec.semanticVersion",
            "should match"),
        refused(
            "semanticVersion with four nodes",
            version("1.0.0.1"),
            "spec.semanticVersion",
            "should match"),
        refused(
            "semanticVersion major 1073741824",
            version("1073741824.0.0"),
            "spec.semanticVersion",
            "1073741823"),
        refused(
            "semanticVersion minor 1073741824",
            version("0.1073741824.0"),
            "spec.semanticVersion",
            "1073741823"),
        refused(
            "semanticVersion patch 1073741824",
            version("0.0.1073741824"),
            "spec.semanticVersion",
            "1073741823"),
        refused(
            "semanticVersion patch of 11 digits",
            version("1.0.99999999999"),
            "spec.semanticVersion",
            "1073741823"),
        refused(
            "semanticVersion longer than 32",
            version("1.0." + "0".repeat(31)),
            "spec.semanticVersion",
            "Too long"),
        refused("name of 2 characters", put("name", "ab"), "spec.name", "at least 3"),
        refused("name of 129 characters", put("name", "n".repeat(129)), "spec.name", "Too long"),
        refused(
            "name with a leading space", put("name", " my-workflow"), "spec.name", "should match"),
        refused(
            "name with a trailing space", put("name", "my-workflow "), "spec.name", "should match"),
        refused("name with a dot", put("name", "my.workflow"), "spec.name", "should match"),
        refused("description empty", put("description", ""), "spec.description", "at least 1"),
        refused(
            "description of 1025 characters",
            put("description", "d".repeat(1025)),
            "spec.description",
            "Too long"),
        refused(
            "changeDescription empty",
            put("changeDescription", ""),
            "spec.changeDescription",
            "at least 1"),
        refused(
            "changeDescription of 1025 characters",
            put("changeDescription", "c".repeat(1025)),
            "spec.changeDescription",
            "Too long"),
        refused("data empty", put("data", ""), "spec.data", "at least 1"),
        refused(
            "data of 16001 characters",
            put("data", DOCUMENT + "#".repeat(16001 - DOCUMENT.length())),
            "spec.data",
            "Too long"),
        refused(
            "data with a NUL character",
            put("data", DOCUMENT + "\u0000"),
            "spec.data",
            "should match"),
        refused("no document source", s -> s.remove("data"), "spec.data", "is required"),
        refused(
            "data and uri", put("uri", "s3://bucket/key.yaml"), "spec.data", "mutually exclusive"),
        refused(
            "data and dataFrom",
            put("dataFrom", configMapRef("workflows", "build.yaml")),
            "spec.data",
            "mutually exclusive"),
        refused(
            "uri and dataFrom",
            withoutData(
                s -> {
                  s.put("uri", "s3://bucket/key.yaml");
                  s.put("dataFrom", configMapRef("workflows", "build.yaml"));
                }),
            "spec.data",
            "mutually exclusive"),
        refused(
            "uri not an S3 URL",
            withoutData(put("uri", "https://bucket.s3.amazonaws.com/key.yaml")),
            "spec.uri",
            "should match"),
        refused(
            "uri without a key",
            withoutData(put("uri", "s3://bucket")),
            "spec.uri",
            "should match"),
        refused(
            "uri with an empty key",
            withoutData(put("uri", "s3://bucket/")),
            "spec.uri",
            "should match"),
        refused(
            "uri without a bucket",
            withoutData(put("uri", "s3:///key.yaml")),
            "spec.uri",
            "should match"),
        refused(
            "dataFrom without configMapKeyRef",
            withoutData(put("dataFrom", Map.of())),
            "spec.dataFrom.configMapKeyRef",
            "Required value"),
        refused(
            "configMapKeyRef without name",
            withoutData(put("dataFrom", Map.of("configMapKeyRef", Map.of("key", "build.yaml")))),
            "spec.dataFrom.configMapKeyRef.name",
            "Required value"),
        refused(
            "configMapKeyRef without key",
            withoutData(put("dataFrom", Map.of("configMapKeyRef", Map.of("name", "workflows")))),
            "spec.dataFrom.configMapKeyRef.key",
            "Required value"),
        refused(
            "configMapKeyRef name not a DNS name",
            withoutData(put("dataFrom", configMapRef("Work_Flows", "build.yaml"))),
            "spec.dataFrom.configMapKeyRef.name",
            "should match"),
        refused(
            "configMapKeyRef key with a slash",
            withoutData(put("dataFrom", configMapRef("workflows", "dir/build.yaml"))),
            "spec.dataFrom.configMapKeyRef.key",
            "should match"),
        refused("kmsKeyId empty", put("kmsKeyId", ""), "spec.kmsKeyId", "at least 1"),
        refused(
            "kmsKeyId of 1025 characters",
            put("kmsKeyId", "k".repeat(1025)),
            "spec.kmsKeyId",
            "Too long"),
        refused(
            "47 tags (AWS allows 50, the operator adds 4)",
            put("tags", tags(47)),
            "spec.tags",
            "at most 46"),
        refused(
            "tag key with the operator's prefix",
            put("tags", Map.of("imagebuilder.gitops.dev/name", "v")),
            "spec.tags",
            "ownership tags"),
        refused("empty tag key", put("tags", Map.of("", "v")), "spec.tags", "1 to 128"),
        refused(
            "tag key of 129 characters",
            put("tags", Map.of("k".repeat(129), "v")),
            "spec.tags",
            "1 to 128"),
        refused(
            "tag key with #", put("tags", Map.of("team#1", "v")), "spec.tags", "may contain only"),
        refused(
            "tag key starting with aws:",
            put("tags", Map.of("aws:owner", "v")),
            "spec.tags",
            "aws:"),
        refused(
            "tag value of 257 characters",
            put("tags", Map.of("team", "v".repeat(257))),
            "spec.tags.team",
            "Too long"),
        refused(
            "tag value not a string",
            put("tags", Map.of("replicas", 3)),
            "spec.tags.replicas",
            "must be of type string"),
        refused("region in capitals", put("region", "US-EAST-1"), "spec.region", "should match"),
        refused("region without dashes", put("region", "useast1"), "spec.region", "should match"),
        refused(
            "region of 33 characters",
            put("region", "us-" + "e".repeat(28) + "-1"),
            "spec.region",
            "Too long"),
        refused(
            "deletionPolicy not Delete or Retain",
            put("deletionPolicy", "Orphan"),
            "spec.deletionPolicy",
            "Unsupported value"),
        refused(
            "retention with neither count",
            put("retention", Map.of()),
            "spec.retention",
            "needs buildsPerVersion, versions or both"),
        refused(
            "retention keeping no build",
            put("retention", Map.of("buildsPerVersion", 0)),
            "spec.retention.buildsPerVersion",
            "greater than or equal to 1"),
        refused(
            "retention of 1001 versions",
            put("retention", Map.of("versions", 1001)),
            "spec.retention.versions",
            "less than or equal to 1000"),
        refused(
            "managementPolicy Manage without a document source",
            withoutData(put("managementPolicy", "Manage")),
            "spec.data",
            "required unless spec.managementPolicy is Observe"),
        refused(
            "managementPolicy Plan without a document source",
            withoutData(put("managementPolicy", "Plan")),
            "spec.data",
            "required unless spec.managementPolicy is Observe"),
        refused(
            "managementPolicy not Manage, Plan or Observe",
            put("managementPolicy", "ReadOnly"),
            "spec.managementPolicy",
            "Unsupported value"),
        refused(
            "wildcard version without managementPolicy",
            version("1.x.x"),
            "spec.semanticVersion",
            "only with spec.managementPolicy Observe"),
        refused(
            "wildcard version under managementPolicy Plan",
            s -> {
              s.put("semanticVersion", "x.x.x");
              s.put("managementPolicy", "Plan");
            },
            "spec.semanticVersion",
            "only with spec.managementPolicy Observe"),
        refused(
            "wildcard not the rightmost node under Observe",
            s -> {
              s.put("semanticVersion", "1.x.0");
              s.put("managementPolicy", "Observe");
            },
            "spec.semanticVersion",
            "should match"));
  }

  static List<Accepted> accepted() {
    return List.of(
        new Accepted(
            "semanticVersion 1073741823.1073741823.1073741823",
            version("1073741823.1073741823.1073741823")),
        new Accepted("semanticVersion 0.0.0", version("0.0.0")),
        new Accepted(
            "semanticVersion with leading zeros 01.002.0000000003", version("01.002.0000000003")),
        new Accepted("name of 3 characters", put("name", "abc")),
        new Accepted(
            "name of 128 characters with inner spaces", put("name", "a b".repeat(42) + "cd")),
        new Accepted("description of 1024 characters", put("description", "d".repeat(1024))),
        new Accepted(
            "changeDescription of 1024 characters", put("changeDescription", "c".repeat(1024))),
        new Accepted(
            "data of 16000 characters",
            put("data", DOCUMENT + "#".repeat(16000 - DOCUMENT.length()))),
        new Accepted(
            "uri instead of data", withoutData(put("uri", "s3://my-bucket/workflows/build.yaml"))),
        new Accepted(
            "dataFrom instead of data",
            withoutData(put("dataFrom", configMapRef("workflows", "b.yaml")))),
        new Accepted("kmsKeyId of 1024 characters", put("kmsKeyId", "k".repeat(1024))),
        new Accepted("46 tags", put("tags", tags(46))),
        new Accepted(
            "tag key of 128 characters and value of 256",
            put("tags", Map.of("k".repeat(128), "v".repeat(256)))),
        new Accepted("tag key with every allowed sign", put("tags", Map.of("a Z 9 _.:/=+-@", ""))),
        new Accepted("region us-gov-west-1", put("region", "us-gov-west-1")),
        new Accepted("deletionPolicy Retain", put("deletionPolicy", "Retain")),
        new Accepted("retention of 1 build", put("retention", Map.of("buildsPerVersion", 1))),
        new Accepted(
            "retention of 1000 builds and 1000 versions",
            put("retention", Map.of("buildsPerVersion", 1000, "versions", 1000))),
        new Accepted("managementPolicy Plan with data", put("managementPolicy", "Plan")),
        new Accepted(
            "managementPolicy Observe without a document source",
            withoutData(put("managementPolicy", "Observe"))),
        new Accepted(
            "managementPolicy Observe of x.x.x without a document source",
            withoutData(
                s -> {
                  s.put("semanticVersion", "x.x.x");
                  s.put("managementPolicy", "Observe");
                })),
        new Accepted(
            "managementPolicy Observe of 1.2.x with a document",
            s -> {
              s.put("semanticVersion", "1.2.x");
              s.put("managementPolicy", "Observe");
            }));
  }

  static List<RefusedUpdate> refusedUpdates() {
    return List.of(
        new RefusedUpdate(
            "type BUILD to TEST", put("type", "BUILD"), put("type", "TEST"), "spec.type"),
        new RefusedUpdate("name changed", put("name", "first"), put("name", "second"), "spec.name"),
        new RefusedUpdate("name removed", put("name", "first"), s -> s.remove("name"), "spec.name"),
        new RefusedUpdate("name added", s -> {}, put("name", "second"), "spec.name"),
        new RefusedUpdate(
            "region changed",
            put("region", "us-east-1"),
            put("region", "eu-west-1"),
            "spec.region"),
        new RefusedUpdate(
            "region removed", put("region", "us-east-1"), s -> s.remove("region"), "spec.region"),
        new RefusedUpdate("region added", s -> {}, put("region", "eu-west-1"), "spec.region"));
  }

  private static Refused refused(
      String rule, Consumer<Map<String, Object>> change, String field, String reason) {
    return new Refused(rule, change, field, reason);
  }

  private static Consumer<Map<String, Object>> put(String field, Object value) {
    return spec -> spec.put(field, value);
  }

  private static Consumer<Map<String, Object>> version(String semanticVersion) {
    return put("semanticVersion", semanticVersion);
  }

  private static Consumer<Map<String, Object>> withoutData(Consumer<Map<String, Object>> change) {
    return spec -> {
      spec.remove("data");
      change.accept(spec);
    };
  }

  private static Map<String, Object> configMapRef(String name, String key) {
    return Map.of("configMapKeyRef", Map.of("name", name, "key", key));
  }

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      tags.put("tag-" + i, "value-" + i);
    }
    return tags;
  }
}

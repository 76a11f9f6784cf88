package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that workflow content is a well-formed workflow document (YAML with {@code schemaVersion}
 * and a non-empty {@code steps} list whose entries carry {@code name} and {@code action}) and
 * extracts its {@code parameters}. A malformed document is an InvalidRequestException.
 */
final class WorkflowDocument {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> PARAMETER_TYPES =
      Set.of("string", "integer", "boolean", "stringList");

  private WorkflowDocument() {}

  static List<WorkflowParameter> parameters(String content) {
    JsonNode root = parse(content);
    if (!root.isObject()) {
      throw invalid("the workflow document must be a YAML mapping");
    }
    if (!root.hasNonNull("schemaVersion")) {
      throw invalid("the workflow document has no schemaVersion");
    }
    JsonNode steps = root.path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      throw invalid("the workflow document must have a non-empty steps list");
    }
    for (JsonNode step : steps) {
      if (!textual(step.path("name")) || !textual(step.path("action"))) {
        throw invalid("every workflow step needs a name and an action");
      }
    }
    return parametersOf(root.path("parameters"));
  }

  private static JsonNode parse(String content) {
    try {
      JsonNode root = YAML.readTree(content);
      if (root == null) {
        throw invalid("the workflow document is empty");
      }
      return root;
    } catch (JacksonException e) {
      throw invalid("the workflow document is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static List<WorkflowParameter> parametersOf(JsonNode section) {
    if (section.isMissingNode() || section.isNull()) {
      return List.of();
    }
    if (!section.isArray()) {
      throw invalid("workflow parameters must be a list");
    }
    List<WorkflowParameter> result = new ArrayList<>();
    for (JsonNode p : section) {
      String type = p.path("type").asText("");
      if (!textual(p.path("name")) || !PARAMETER_TYPES.contains(type)) {
        throw invalid("every workflow parameter needs a name and a type of " + PARAMETER_TYPES);
      }
      result.add(
          new WorkflowParameter(
              p.get("name").asText(),
              type,
              defaults(p.path("default")),
              p.hasNonNull("description") ? p.get("description").asText() : null));
    }
    return List.copyOf(result);
  }

  private static List<String> defaults(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> values.add(v.asText()));
    } else {
      values.add(value.asText());
    }
    return values;
  }

  private static boolean textual(JsonNode node) {
    return node.isValueNode() && !node.asText().isBlank();
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorType.InvalidRequestException, message);
  }
}

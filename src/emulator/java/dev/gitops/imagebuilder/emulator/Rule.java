package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One constraint of the service model on one input member; a violation raises the given error. */
interface Rule {

  void check(JsonNode input);

  /**
   * A string member: required, length {@code min..max} in characters, and a pattern matched against
   * the whole value.
   */
  record Str(String member, boolean required, int min, int max, Pattern pattern, ErrorType error)
      implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = present(input, member, required, error);
      if (value == null) {
        return;
      }
      if (!value.isTextual()) {
        throw fail(error, member, "must be a string");
      }
      checkText(member, value.asText(), min, max, pattern, error);
    }
  }

  /** A member whose value must be one of the model's enum values. */
  record OneOf(String member, boolean required, Set<String> values, ErrorType error)
      implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = present(input, member, required, error);
      if (value != null && (!value.isTextual() || !values.contains(value.asText()))) {
        throw fail(error, member, "must be one of " + values);
      }
    }
  }

  /** An integer member within {@code min..max}. */
  record Int(String member, int min, int max, ErrorType error) implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = input.get(member);
      if (value != null
          && !value.isNull()
          && (!value.canConvertToInt()
              || !value.isIntegralNumber()
              || value.asInt() < min
              || value.asInt() > max)) {
        throw fail(error, member, "must be an integer between " + min + " and " + max);
      }
    }
  }

  /** A boolean member. */
  record Bool(String member, ErrorType error) implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = input.get(member);
      if (value != null && !value.isNull() && !value.isBoolean()) {
        throw fail(error, member, "must be a boolean");
      }
    }
  }

  /**
   * A list member of {@code min..max} entries, each checked by {@code item} (whose member name is
   * ignored).
   */
  record ListOf(String member, boolean required, int min, int max, Rule item, ErrorType error)
      implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = present(input, member, required, error);
      if (value == null) {
        return;
      }
      if (!value.isArray() || value.size() < min || value.size() > max) {
        throw fail(error, member, "must be a list of " + min + " to " + max + " entries");
      }
      for (JsonNode entry : value) {
        item.check(new ObjectNode(JsonNodeFactory.instance, Map.of(member, entry)));
      }
    }
  }

  /** A structure member, each field checked by its own rules. */
  record Struct(String member, List<Rule> fields) implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode value = input.get(member);
      if (value != null && !value.isNull()) {
        fields.forEach(f -> f.check(value));
      }
    }
  }

  /** A string-to-string map of {@code min..max} entries with rules for keys and values. */
  record StrMap(
      String member, boolean required, int min, int max, Str key, Str value, ErrorType error)
      implements Rule {
    @Override
    public void check(JsonNode input) {
      JsonNode map = present(input, member, required, error);
      if (map == null) {
        return;
      }
      if (!map.isObject() || map.size() < min || map.size() > max) {
        throw fail(error, member, "must hold " + min + " to " + max + " entries");
      }
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        checkText(member + " key", e.getKey(), key.min(), key.max(), key.pattern(), error);
        if (!e.getValue().isTextual()) {
          throw fail(error, member + " value", "must be a string");
        }
        checkText(
            member + " value",
            e.getValue().asText(),
            value.min(),
            value.max(),
            value.pattern(),
            error);
      }
    }
  }

  /**
   * The member's value; null when it is absent and optional; a failure when it is absent and
   * required.
   */
  private static JsonNode present(
      JsonNode input, String member, boolean required, ErrorType error) {
    JsonNode value = input.get(member);
    if (value == null || value.isNull()) {
      if (required) {
        throw fail(error, member, "is required");
      }
      return null;
    }
    return value;
  }

  private static void checkText(
      String member, String text, int min, int max, Pattern pattern, ErrorType error) {
    int length = text.codePointCount(0, text.length());
    if (length < min || length > max) {
      throw fail(error, member, "must be " + min + " to " + max + " characters long");
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw fail(error, member, "must match the pattern " + pattern.pattern());
    }
  }

  private static ApiException fail(ErrorType error, String member, String what) {
    return new ApiException(
        error,
        "1 validation error detected: Value at '"
            + member
            + "' failed to satisfy"
            + " constraint: Member "
            + what);
  }
}

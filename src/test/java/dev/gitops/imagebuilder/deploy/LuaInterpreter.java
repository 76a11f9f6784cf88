package dev.gitops.imagebuilder.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs an Argo CD style health script with the real Lua 5.1 interpreter (found or installed by
 * scripts/ensure-tool): the resource becomes the global {@code obj}, as Argo CD converts it.
 */
final class LuaInterpreter {
  private final ExternalTool lua;

  private LuaInterpreter(ExternalTool lua) {
    this.lua = lua;
  }

  static LuaInterpreter locate() {
    return new LuaInterpreter(ExternalTool.locate("lua5.1"));
  }

  /** The health script's verdict: {status, message}. */
  List<String> health(Path script, JsonNode resource) {
    String driver =
        "obj = "
            + literal(resource)
            + "\n"
            + "local hs = dofile("
            + quote(script.toString())
            + ")\n"
            + "io.write(hs.status, '\\n', hs.message or '')\n";
    return List.of(lua.ok(driver, "-").split("\n", 2));
  }

  /** JSON as a Lua table constructor; arrays are 1-based sequences, nulls are absent. */
  static String literal(JsonNode node) {
    if (node.isObject()) {
      var text = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        if (!field.getValue().isNull()) {
          text.append('[')
              .append(quote(field.getKey()))
              .append("]=")
              .append(literal(field.getValue()))
              .append(',');
        }
      }
      return text.append('}').toString();
    }
    if (node.isArray()) {
      var text = new StringBuilder("{");
      node.forEach(element -> text.append(literal(element)).append(','));
      return text.append('}').toString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return node.isNull() ? "nil" : quote(node.asText());
  }

  private static String quote(String text) {
    var out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

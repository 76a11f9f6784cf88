package dev.gitops.imagebuilder.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an Argo CD style health script with the real Lua 5.1 interpreter (found or installed by
 * scripts/ensure-lua): the resource becomes the global {@code obj}, as Argo CD converts it.
 */
final class LuaInterpreter {
  private final String lua;

  private LuaInterpreter(String lua) {
    this.lua = lua;
  }

  static LuaInterpreter locate() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("scripts/ensure-lua")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || path.isEmpty()) {
      throw new IllegalStateException(
          "scripts/ensure-lua found no lua5.1 and could not install it");
    }
    return new LuaInterpreter(path);
  }

  /** The health script's verdict: {status, message}. */
  List<String> health(Path script, JsonNode resource) throws IOException, InterruptedException {
    String driver =
        "obj = "
            + literal(resource)
            + "\n"
            + "local hs = dofile("
            + quote(script.toString())
            + ")\n"
            + "io.write(hs.status, '\\n', hs.message or '')\n";
    Process p = new ProcessBuilder(lua, "-").redirectErrorStream(true).start();
    p.getOutputStream().write(driver.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("lua5.1 failed: " + out);
    }
    return List.of(out.split("\n", 2));
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

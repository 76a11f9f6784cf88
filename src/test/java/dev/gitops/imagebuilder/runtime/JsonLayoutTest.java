package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final JsonLayout layout = new JsonLayout();

  private JsonNode render(LoggingEvent event) throws Exception {
    String line = layout.doLayout(event);
    assertThat(line).endsWith("\n").doesNotContain("\n\n");
    assertThat(line.strip()).doesNotContain("\n");
    return new ObjectMapper().readTree(line);
  }

  @Test
  void writesOneJsonObjectPerLineWithTheMessageEscaped() throws Exception {
    var event =
        new LoggingEvent(
            "x",
            context.getLogger("dev.gitops.Test"),
            Level.WARN,
            "workflow {} said \"{}\"\nsecond line",
            null,
            new Object[] {"ns/a", "hi"});
    event.setMDCPropertyMap(Map.of("resource", "ns/a"));
    event.setThreadName("reconciler-1");
    JsonNode json = render(event);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("dev.gitops.Test");
    assertThat(json.get("thread").asText()).isEqualTo("reconciler-1");
    assertThat(json.get("message").asText()).isEqualTo("workflow ns/a said \"hi\"\nsecond line");
    assertThat(json.get("resource").asText()).isEqualTo("ns/a");
    assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json.has("exception")).isFalse();
  }

  @Test
  void includesTheStackTraceOfAThrowable() throws Exception {
    var event =
        new LoggingEvent(
            "x",
            context.getLogger("t"),
            Level.ERROR,
            "failed",
            new IllegalStateException("boom"),
            null);
    event.setMDCPropertyMap(Map.of());
    assertThat(render(event).get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("at dev.gitops.imagebuilder.runtime.JsonLayoutTest");
  }
}

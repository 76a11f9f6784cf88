package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The bodies of {@code POST /_emulator/faults} (see {@link ControlHttpHandler}), applied. */
final class ControlFaults {

  private ControlFaults() {}

  static void apply(Faults faults, JsonNode in) {
    if (in.has("latencyMs")) {
      faults.latency(
          Duration.ofMillis(in.get("latencyMs").get(0).asLong()),
          Duration.ofMillis(in.get("latencyMs").get(1).asLong()));
    } else if (in.has("rateLimit")) {
      JsonNode f = in.get("rateLimit");
      faults.rateLimit(operation(f), f.path("perSecond").asDouble(), f.path("burst").asInt(1));
    } else if (in.has("failNext")) {
      JsonNode f = in.get("failNext");
      faults.failNext(
          operation(f),
          f.path("count").asInt(1),
          Faults.ServerError.valueOf(f.path("error").asText()));
    } else if (in.has("failRate")) {
      JsonNode f = in.get("failRate");
      faults.failRate(
          operation(f),
          f.path("rate").asDouble(),
          oneOrMany(f, "error", "errors", Faults.ServerError::valueOf));
    } else if (in.has("commitThenFail") && in.get("commitThenFail").has("rate")) {
      JsonNode f = in.get("commitThenFail");
      faults.commitThenFailRate(
          operation(f),
          f.path("rate").asDouble(),
          oneOrMany(f, "failure", "failures", Faults.CommitFailure::valueOf));
    } else if (in.has("commitThenFail")) {
      JsonNode f = in.get("commitThenFail");
      faults.commitThenFail(
          operation(f),
          f.path("count").asInt(1),
          Faults.CommitFailure.valueOf(f.path("failure").asText()));
    } else {
      throw new IllegalArgumentException("unknown fault " + in);
    }
  }

  /** {@code fault[one]} as a single value, or {@code fault[many]} as a list. */
  private static <T> List<T> oneOrMany(
      JsonNode fault, String one, String many, Function<String, T> parse) {
    List<T> values = new ArrayList<>();
    if (fault.has(many)) {
      fault.get(many).forEach(v -> values.add(parse.apply(v.asText())));
    } else {
      values.add(parse.apply(fault.path(one).asText()));
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("'" + many + "' must name at least one value");
    }
    return values;
  }

  private static Operation operation(JsonNode fault) {
    return Operation.valueOf(fault.path("operation").asText());
  }
}

package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The control API for scripts, under {@code /_emulator/} (JSON in and out; 204 on success without
 * output):
 *
 * <pre>
 * PUT    /_emulator/s3/BUCKET/KEY          body = object content (registers s3://BUCKET/KEY)
 * POST   /_emulator/in-use                 {"arn": BUILD_ARN, "inUse": true|false}
 * POST   /_emulator/deprecate              {"arn": BUILD_ARN}
 * POST   /_emulator/delete                 {"arn": BUILD_ARN}   (out of band)
 * GET    /_emulator/builds                 stored builds (GetWorkflow's Workflow plus "inUse")
 * GET    /_emulator/counters               {operation: {outcome: count}}
 * POST   /_emulator/faults                 one of {"latencyMs": [min, max]},
 *                                          {"rateLimit": {"operation", "perSecond", "burst"}},
 *                                          {"failNext": {"operation", "count", "error": SERVICE_EXCEPTION|SERVICE_UNAVAILABLE}},
 *                                          {"failRate": {"operation", "rate", "error"}},
 *                                          {"failRate": {"operation", "rate", "errors": [ERROR, ...]}},
 *                                          {"commitThenFail": {"operation", "count", "failure": SERVER_ERROR|DROP_CONNECTION}},
 *                                          {"commitThenFail": {"operation", "rate", "failures": [FAILURE, ...]}}
 *                                          (ERROR: SERVICE_EXCEPTION 500, SERVICE_UNAVAILABLE 503,
 *                                          CALL_RATE_LIMIT_EXCEEDED 429; a list picks one at random per call)
 * DELETE /_emulator/faults                 clears faults
 * POST   /_emulator/unreachable            {"seconds": S}: after answering, closes the port (connections are
 *                                          refused) and opens it again on the same port after S seconds, state kept
 * PUT    /_emulator/forbidden              ["CreateWorkflow", ...]
 * PUT    /_emulator/quota                  {"maxBuildVersions": N}
 * POST   /_emulator/expire-page-tokens     every nextToken issued so far becomes invalid
 * POST   /_emulator/reset                  forgets everything
 * </pre>
 */
final class ControlHttpHandler implements HttpHandler {

  private final ImageBuilderEmulator emu;

  ControlHttpHandler(ImageBuilderEmulator emu) {
    this.emu = emu;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String route =
        exchange.getRequestMethod()
            + " "
            + exchange
                .getRequestURI()
                .getRawPath()
                .substring(ImageBuilderEmulator.CONTROL_PREFIX.length());
    byte[] body = HttpExchanges.body(exchange);
    if (route.equals("POST unreachable")) {
      long seconds = WorkflowJson.MAPPER.readTree(body).path("seconds").asLong();
      HttpExchanges.send(exchange, 204, new byte[0]);
      emu.unreachableFor(Duration.ofSeconds(seconds));
      return;
    }
    try {
      JsonNode answer = serve(route, body);
      if (answer == null) {
        HttpExchanges.send(exchange, 204, new byte[0]);
      } else {
        HttpExchanges.sendJson(exchange, 200, answer);
      }
    } catch (RuntimeException e) {
      HttpExchanges.sendJson(
          exchange,
          e instanceof ApiException api ? api.type.status : 400,
          WorkflowJson.MAPPER.createObjectNode().put("message", String.valueOf(e.getMessage())));
    }
  }

  private JsonNode serve(String route, byte[] body) throws IOException {
    if (route.startsWith("PUT s3/")) {
      String[] bucketKey = route.substring("PUT s3/".length()).split("/", 2);
      emu.s3()
          .putObject(
              HttpExchanges.decode(bucketKey[0]),
              HttpExchanges.decode(bucketKey[1]),
              new String(body, StandardCharsets.UTF_8));
      return null;
    }
    JsonNode in =
        body.length == 0
            ? WorkflowJson.MAPPER.createObjectNode()
            : WorkflowJson.MAPPER.readTree(body);
    switch (route) {
      case "POST in-use" ->
          emu.markInUse(in.path("arn").asText(), in.path("inUse").asBoolean(true));
      case "POST deprecate" -> emu.deprecate(in.path("arn").asText());
      case "POST delete" -> emu.deleteOutOfBand(in.path("arn").asText());
      case "GET builds" -> {
        ArrayNode builds = WorkflowJson.MAPPER.createArrayNode();
        emu.builds()
            .forEach(
                b -> builds.add(WorkflowJson.workflow(b, emu.account()).put("inUse", b.inUse())));
        return builds;
      }
      case "GET counters" -> {
        return WorkflowJson.MAPPER.valueToTree(emu.counters().snapshot());
      }
      case "POST faults" -> fault(in);
      case "DELETE faults" -> emu.faults().reset();
      case "PUT forbidden" -> emu.forbid(operations(in));
      case "PUT quota" -> emu.maxBuildVersions(in.path("maxBuildVersions").asInt());
      case "POST expire-page-tokens" -> emu.expirePageTokens();
      case "POST reset" -> emu.reset();
      default -> throw new IllegalArgumentException("unknown control route " + route);
    }
    return null;
  }

  private void fault(JsonNode in) {
    Faults faults = emu.faults();
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

  private static Set<Operation> operations(JsonNode in) {
    Set<Operation> ops = EnumSet.noneOf(Operation.class);
    if (in instanceof ArrayNode array) {
      array.forEach(op -> ops.add(Operation.valueOf(op.asText())));
    }
    return ops;
  }
}

package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control API for scripts, under {@code /_emulator/} (JSON in and out; 204 on success without
 * output; 400 with a {@code message} for a bad request). Calls that take a build ARN act in the
 * ARN's account.
 *
 * <pre>
 * PUT    /_emulator/s3/BUCKET/KEY          body = object content (registers s3://BUCKET/KEY)
 * POST   /_emulator/in-use                 {"arn": BUILD_ARN, "inUse": true|false}
 * POST   /_emulator/deprecate              {"arn": BUILD_ARN}
 * POST   /_emulator/delete                 {"arn": BUILD_ARN}   (out of band)
 * GET    /_emulator/builds[?account=A]     stored builds (GetWorkflow's Workflow plus "inUse" and
 *                                          "account"), of every account or of A only
 * GET    /_emulator/counters[?account=A]   {operation: {outcome: count}}, of calls made with any
 *                                          credentials or with A's only (AssumeRole counts in the
 *                                          role's account)
 * PUT    /_emulator/trust                  {"roleArn": ROLE_ARN, "externalId": E (optional)}: the
 *                                          emulator's account may assume ROLE_ARN (STS AssumeRole on
 *                                          the API port), with exactly E when given; replaces the
 *                                          role's entry
 * DELETE /_emulator/trust                  {"roleArn": ROLE_ARN}: AssumeRole of it is AccessDenied
 *                                          (credentials already issued stay valid)
 * PUT    /_emulator/credential-lifetime    {"seconds": S}: credentials issued from now on expire
 *                                          after S seconds ({"seconds": null}: the request's
 *                                          DurationSeconds, else 3600, as by default)
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
 * POST   /_emulator/reset                  forgets everything, trusted roles and the credential
 *                                          lifetime included (issued credentials stay valid)
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
      JsonNode answer = serve(route, HttpExchanges.query(exchange), body);
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

  private JsonNode serve(String route, Map<String, List<String>> query, byte[] body)
      throws IOException {
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
    String account = query.containsKey("account") ? query.get("account").get(0) : null;
    switch (route) {
      case "POST in-use" ->
          emu.markInUse(in.path("arn").asText(), in.path("inUse").asBoolean(true));
      case "POST deprecate" -> emu.deprecate(in.path("arn").asText());
      case "POST delete" -> emu.deleteOutOfBand(in.path("arn").asText());
      case "GET builds" -> {
        ArrayNode builds = WorkflowJson.MAPPER.createArrayNode();
        (account == null ? emu.builds() : emu.builds(account))
            .forEach(
                b ->
                    builds.add(
                        WorkflowJson.workflow(b, b.account())
                            .put("inUse", b.inUse())
                            .put("account", b.account())));
        return builds;
      }
      case "GET counters" -> {
        Counters counters = account == null ? emu.counters() : emu.counters(account);
        return WorkflowJson.MAPPER.valueToTree(counters.snapshot());
      }
      case "PUT trust" -> emu.trust(text(in, "roleArn"), in.path("externalId").textValue());
      case "DELETE trust" -> emu.distrust(text(in, "roleArn"));
      case "PUT credential-lifetime" ->
          emu.credentialLifetime(
              in.path("seconds").isNumber()
                  ? Duration.ofSeconds(in.get("seconds").asLong())
                  : null);
      case "POST faults" -> ControlFaults.apply(emu.faults(), in);
      case "DELETE faults" -> emu.faults().reset();
      case "PUT forbidden" -> emu.forbid(operations(in));
      case "PUT quota" -> emu.maxBuildVersions(in.path("maxBuildVersions").asInt());
      case "POST expire-page-tokens" -> emu.expirePageTokens();
      case "POST reset" -> emu.reset();
      default -> throw new IllegalArgumentException("unknown control route " + route);
    }
    return null;
  }

  /** A required text member. */
  private static String text(JsonNode in, String member) {
    if (!in.path(member).isTextual()) {
      throw new IllegalArgumentException("'" + member + "' is required");
    }
    return in.get(member).asText();
  }

  private static Set<Operation> operations(JsonNode in) {
    Set<Operation> ops = EnumSet.noneOf(Operation.class);
    if (in instanceof ArrayNode array) {
      array.forEach(op -> ops.add(Operation.valueOf(op.asText())));
    }
    return ops;
  }
}

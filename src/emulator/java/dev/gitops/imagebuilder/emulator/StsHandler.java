package dev.gitops.imagebuilder.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * STS on the Image Builder port (an SDK {@code StsClient} with the emulator as its endpoint
 * override): the query protocol, {@code POST /} with a form body, SigV4 scoped to {@code sts} and
 * checked as for Image Builder ({@link CallerIdentities}). Only AssumeRole: the caller must hold
 * long-term credentials (a session's credentials are AccessDenied: no role chaining), the request
 * must pass the model's constraints ({@link AssumeRoleRequest}) and the {@link TrustList}; the
 * answer is a new {@link SessionCredentials.Session}. Other actions are InvalidAction. Calls are
 * counted as {@code AssumeRole} (or the action named) in the account of the role when the RoleArn
 * names one, else in the caller's. Faults and the forbidden list do not apply to STS.
 */
final class StsHandler implements HttpHandler {

  static final String OPERATION = "AssumeRole";
  private static final String VERSION = "2011-06-15";

  private final CallerIdentities identities;
  private final TrustList trust;
  private final SessionCredentials sessions;
  private final Counters counters;

  StsHandler(
      CallerIdentities identities,
      TrustList trust,
      SessionCredentials sessions,
      Counters counters) {
    this.identities = identities;
    this.trust = trust;
    this.sessions = sessions;
    this.counters = counters;
  }

  /** The query protocol's one route; Image Builder has no operation on it. */
  static boolean accepts(HttpExchange exchange) {
    return exchange.getRequestMethod().equals("POST")
        && exchange.getRequestURI().getRawPath().equals("/");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = HttpExchanges.requestId();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    String operation = "Unknown";
    String account = null;
    try {
      Headers headers = exchange.getRequestHeaders();
      byte[] body = HttpExchanges.body(exchange);
      Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
      operation = form.getOrDefault("Action", operation);
      try {
        SigV4Scope.region(
            "sts",
            headers.getFirst("Authorization"),
            headers.getFirst("X-Amz-Date"),
            headers.getFirst("Date"));
        Caller caller = identities.identify(headers.getFirst("Authorization"));
        account = caller.account();
        identities.verify(
            caller, "POST", "/", exchange.getRequestURI().getRawQuery(), headers, body);
        if (!operation.equals(OPERATION)) {
          throw new StsError(
              400,
              "InvalidAction",
              "Could not find operation " + operation + " for version " + VERSION);
        }
        account =
            RoleArn.parse(form.getOrDefault("RoleArn", "")).map(RoleArn::account).orElse(account);
        SessionCredentials.Session session = assumeRole(caller, AssumeRoleRequest.from(form));
        counters.record(account, operation, Counters.OK);
        send(exchange, 200, StsXml.assumeRole(session, requestId));
      } catch (ApiException e) {
        throw StsError.of(e);
      }
    } catch (StsError e) {
      counters.record(account, operation, e.code);
      send(exchange, e.status, StsXml.error(e, requestId));
    } catch (RuntimeException e) {
      e.printStackTrace(); // an emulator bug: leave the trace for whoever debugs it
      counters.record(account, operation, "InternalFailure");
      send(
          exchange,
          500,
          StsXml.error(
              new StsError(500, "InternalFailure", "Internal error in the emulator: " + e),
              requestId));
    }
  }

  private SessionCredentials.Session assumeRole(Caller caller, AssumeRoleRequest request) {
    if (caller.temporary()) {
      throw new StsError(
          403,
          "AccessDenied",
          "User: "
              + caller.principalArn()
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + request.role());
    }
    trust.check(request.role(), request.externalId(), caller.principalArn());
    return sessions.issue(request.role(), request.sessionName(), request.durationSeconds());
  }

  /** An {@code application/x-www-form-urlencoded} body; a repeated name keeps its first value. */
  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        form.putIfAbsent(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new StsError(400, "MalformedQueryString", "The request body is not form-encoded.");
      }
    }
    return form;
  }

  private static void send(HttpExchange exchange, int status, byte[] xml) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, xml.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(xml);
    }
    exchange.close();
  }
}

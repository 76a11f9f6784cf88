package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST-JSON front door: routes by method and path, checks the SigV4 scope and the caller
 * ({@link CallerIdentities}: whose account the call reaches), applies faults, merges body, query
 * string and path label into one input, and encodes answers and errors the way the SDK reads them
 * ({@code x-amzn-RequestId} always; errors as the HTTP status, {@code x-amzn-ErrorType} and a
 * {@code message}).
 */
final class ApiHttpHandler implements HttpHandler {

  static final String DROPPED = "DroppedConnection";

  private final ApiDispatcher dispatcher;
  private final Faults faults;
  private final Counters counters;
  private final CallerIdentities identities;

  ApiHttpHandler(
      ApiDispatcher dispatcher, Faults faults, Counters counters, CallerIdentities identities) {
    this.dispatcher = dispatcher;
    this.faults = faults;
    this.counters = counters;
    this.identities = identities;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-RequestId", HttpExchanges.requestId());
    String operationName = "Unknown";
    String account = null; // known once the access key is: calls are counted per account
    try {
      Operation op =
          Operation.route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())
              .orElseThrow(
                  () ->
                      new ApiException(ErrorType.UnknownOperationException, "Unknown operation."));
      operationName = op.name();
      Headers headers = exchange.getRequestHeaders();
      String region =
          SigV4Scope.region(
              "imagebuilder",
              headers.getFirst("Authorization"),
              headers.getFirst("X-Amz-Date"),
              headers.getFirst("Date"));
      byte[] body = HttpExchanges.body(exchange);
      Caller caller = identities.identify(headers.getFirst("Authorization"));
      account = caller.account();
      identities.verify(
          caller,
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          headers,
          body);
      faults.beforeCall(op);
      ObjectNode output =
          dispatcher.dispatch(new ApiRequest(op, region, caller, input(exchange, body)));
      Optional<Faults.CommitFailure> failure = faults.afterCommit(op);
      if (failure.isPresent() && failure.get() == Faults.CommitFailure.DROP_CONNECTION) {
        counters.record(account, operationName, DROPPED);
        exchange.close(); // no response headers sent: the server closes the connection
        return;
      }
      if (failure.isPresent()) {
        throw new ApiException(ErrorType.ServiceException, "Internal service error.");
      }
      counters.record(account, operationName, Counters.OK);
      HttpExchanges.sendJson(exchange, 200, output);
    } catch (ApiException e) {
      counters.record(account, operationName, e.type.name());
      sendError(exchange, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (RuntimeException e) {
      // An emulator bug: answer like the service's own internal error, and leave the trace for
      // whoever debugs it.
      e.printStackTrace();
      counters.record(account, operationName, ErrorType.ServiceException.name());
      sendError(
          exchange,
          new ApiException(ErrorType.ServiceException, "Internal error in the emulator: " + e));
    }
  }

  private static ObjectNode input(HttpExchange exchange, byte[] bytes) {
    ObjectNode input = body(bytes);
    for (Map.Entry<String, List<String>> param : HttpExchanges.query(exchange).entrySet()) {
      if (param.getKey().equals("tagKeys")) {
        param.getValue().forEach(input.withArray("tagKeys")::add);
      } else {
        input.put(param.getKey(), param.getValue().get(0));
      }
    }
    String path = exchange.getRequestURI().getRawPath();
    if (path.startsWith(Operation.TAGS_PREFIX)) {
      input.put(
          "resourceArn", HttpExchanges.decode(path.substring(Operation.TAGS_PREFIX.length())));
    }
    return input;
  }

  private static ObjectNode body(byte[] bytes) {
    if (bytes.length == 0) {
      return WorkflowJson.MAPPER.createObjectNode();
    }
    try {
      JsonNode node = WorkflowJson.MAPPER.readTree(bytes);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // malformed JSON: answered below like any body that is not a JSON object
    }
    throw new ApiException(
        ErrorType.SerializationException, "The request body is not a JSON object.");
  }

  private static void sendError(HttpExchange exchange, ApiException e) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type.name());
    HttpExchanges.sendJson(
        exchange,
        e.type.status,
        WorkflowJson.MAPPER.createObjectNode().put("message", e.getMessage()));
  }
}

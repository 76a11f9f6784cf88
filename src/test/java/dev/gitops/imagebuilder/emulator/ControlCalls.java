package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls of an emulator's control API, as scripts make them. */
final class ControlCalls {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ControlCalls() {}

  static HttpResponse<String> send(
      ImageBuilderEmulator emu, String method, String pathAndQuery, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(
                emu.endpoint().resolve(ImageBuilderEmulator.CONTROL_PREFIX + pathAndQuery))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET whose answer is JSON. */
  static JsonNode get(ImageBuilderEmulator emu, String pathAndQuery)
      throws IOException, InterruptedException {
    return WorkflowJson.MAPPER.readTree(send(emu, "GET", pathAndQuery, "").body());
  }
}

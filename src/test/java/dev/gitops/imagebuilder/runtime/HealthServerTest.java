package dev.gitops.imagebuilder.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final AtomicBoolean ready = new AtomicBoolean();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private HealthServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        HealthServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ready::get, registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livenessAnswersWhileNotReady() throws Exception {
    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void readinessFollowsTheSupplier() throws Exception {
    ready.set(true);
    var response = send("GET", "/readyz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ready\n");
  }

  @Test
  void metricsAreThePrometheusTextOfTheRegistry() throws Exception {
    registry
        .counter("imagebuilder.aws.calls", "operation", "GetWorkflow", "outcome", "success")
        .increment(3);
    var response = send("GET", "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains(
            "imagebuilder_aws_calls_total{operation=\"GetWorkflow\",outcome=\"success\"} 3.0");
  }

  @Test
  void onlyReadsAreServed() throws Exception {
    assertThat(send("POST", "/metrics").statusCode()).isEqualTo(405);
    assertThat(send("GET", "/nothing").statusCode()).isEqualTo(404);
  }
}

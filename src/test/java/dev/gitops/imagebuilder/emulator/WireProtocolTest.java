package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;

/**
 * What reaches the wire: the SigV4 front door, request ids, error encoding (mostly seen with a
 * plain HTTP client).
 */
class WireProtocolTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String DATE = AMZ_DATE.format(Instant.now());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no Authorization header||MissingAuthenticationTokenException",
        "not SigV4|Basic dXNlcjpwYXNz|IncompleteSignatureException",
        "no Signature|AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host|"
            + "IncompleteSignatureException",
        "scope of another service|AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host, Signature=abc|InvalidSignatureException",
        "scope without a region|AWS4-HMAC-SHA256 Credential=AKID/20260101/imagebuilder/aws4_request, "
            + "SignedHeaders=host, Signature=abc|InvalidSignatureException",
        "scope with a bad region|AWS4-HMAC-SHA256 Credential=AKID/20260101/mars/imagebuilder/aws4_request, "
            + "SignedHeaders=host, Signature=abc|InvalidSignatureException"
      })
  void requestsWithoutAValidImageBuilderScopeAreRejectedLikeAws(
      String why, String authorization, String error) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fx.emu.endpoint().resolve("/ListWorkflows"))
            .header("X-Amz-Date", DATE)
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }

    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(error);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(WorkflowJson.MAPPER.readTree(response.body()).path("message").asText()).isNotBlank();
  }

  @Test
  void aWrongSecretForTheTestKeyIsAnInvalidSignatureWhileUnknownKeysPassUnverified() {
    try (ImagebuilderClient wrongSecret =
            client(EmulatorCredentials.ACCESS_KEY_ID, "not-the-secret");
        ImagebuilderClient otherKey = client("AKIAOTHERKEY00000000", "any-secret")) {
      assertThatThrownBy(() -> wrongSecret.listWorkflows(r -> {}))
          .satisfies(e -> Errors.assertError(e, "InvalidSignatureException", 403));

      assertThat(otherKey.listWorkflows(r -> {}).workflowVersionList()).isEmpty();
    }
  }

  @Test
  void aSignatureDatedMoreThan15MinutesAwayHasExpired() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(fx.emu.endpoint().resolve("/ListWorkflows"))
                .header("X-Amz-Date", AMZ_DATE.format(Instant.now().minus(Duration.ofMinutes(16))))
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/imagebuilder/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0123")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidSignatureException");
    assertThat(response.body()).contains("Signature expired");
  }

  @Test
  void successCarriesARequestIdAndJson() throws Exception {
    HttpResponse<String> response = send("POST", "/ListWorkflows", "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-amzn-RequestId"))
        .hasValueSatisfying(id -> assertThat(id).isNotBlank());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(WorkflowJson.MAPPER.readTree(response.body()).has("workflowVersionList")).isTrue();
  }

  @Test
  void aBodyThatIsNotJsonIsASerializationError() throws Exception {
    HttpResponse<String> response = send("POST", "/ListWorkflows", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("SerializationException");
  }

  @Test
  void anUnknownRouteIsAnUnknownOperation() throws Exception {
    HttpResponse<String> response = send("GET", "/CreateWorkflow", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
  }

  @Test
  void createResponseMembersAreNamedAsInTheModel() throws Exception {
    HttpResponse<String> response =
        send(
            "PUT",
            "/CreateWorkflow",
            WorkflowJson.MAPPER
                .createObjectNode()
                .put("name", "wire")
                .put("semanticVersion", "1.0.0")
                .put("type", "TEST")
                .put("clientToken", "t")
                .put("data", SampleWorkflows.document("w"))
                .toString());

    JsonNode body = WorkflowJson.MAPPER.readTree(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "clientToken", "workflowBuildVersionArn", "latestVersionReferences");
    assertThat(body.get("latestVersionReferences").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "latestVersionArn",
            "latestMajorVersionArn",
            "latestMinorVersionArn",
            "latestPatchVersionArn");
  }

  private static ImagebuilderClient client(String accessKey, String secret) {
    return ImagebuilderClient.builder()
        .endpointOverride(fx.emu.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(fx.emu.endpoint() + path))
            .header("X-Amz-Date", DATE)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/imagebuilder/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0123")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

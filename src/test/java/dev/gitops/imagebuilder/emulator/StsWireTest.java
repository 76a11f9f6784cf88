package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The STS answers as they reach the wire, read as XML: element names, nesting and namespace as the
 * STS model (2011-06-15) and the query protocol have them.
 */
class StsWireTest {

  @RegisterExtension static final EmulatorFixture fx = new EmulatorFixture();

  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void assumeRoleAnswersTheModelsElements() throws Exception {
    fx.emu.trust(StsAssumeRoleTest.ROLE, null);

    HttpResponse<String> response =
        signedPost(
            "Action=AssumeRole&Version=2011-06-15&RoleArn="
                + StsAssumeRoleTest.ROLE.replace(":", "%3A").replace("/", "%2F")
                + "&RoleSessionName=wire&DurationSeconds=900");

    assertThat(response.statusCode()).isEqualTo(200);
    Element root = xml(response.body());
    assertThat(root.getLocalName()).isEqualTo("AssumeRoleResponse");
    assertThat(root.getNamespaceURI()).isEqualTo(NS);
    assertThat(childNames(root)).containsExactly("AssumeRoleResult", "ResponseMetadata");
    Element result = child(root, "AssumeRoleResult");
    assertThat(childNames(result)).containsExactlyInAnyOrder("Credentials", "AssumedRoleUser");
    Element credentials = child(result, "Credentials");
    assertThat(childNames(credentials))
        .containsExactlyInAnyOrder("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
    assertThat(child(credentials, "Expiration").getTextContent())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(childNames(child(result, "AssumedRoleUser")))
        .containsExactlyInAnyOrder("AssumedRoleId", "Arn");
    assertThat(child(child(root, "ResponseMetadata"), "RequestId").getTextContent())
        .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
  }

  @Test
  void errorsAreErrorResponsesOfTheSender() throws Exception {
    HttpResponse<String> response =
        signedPost(
            "Action=AssumeRole&Version=2011-06-15&RoleArn="
                + StsAssumeRoleTest.ROLE.replace(":", "%3A").replace("/", "%2F")
                + "&RoleSessionName=wire");

    assertThat(response.statusCode()).isEqualTo(403);
    Element root = xml(response.body());
    assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
    assertThat(childNames(root)).containsExactly("Error", "RequestId");
    Element error = child(root, "Error");
    assertThat(childNames(error)).containsExactly("Type", "Code", "Message");
    assertThat(child(error, "Type").getTextContent()).isEqualTo("Sender");
    assertThat(child(error, "Code").getTextContent()).isEqualTo("AccessDenied");
  }

  @Test
  void anUnsignedRequestIsMissingItsAuthenticationToken() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(fx.emu.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(child(child(xml(response.body()), "Error"), "Code").getTextContent())
        .isEqualTo("MissingAuthenticationToken");
  }

  @Test
  void aScopeForImageBuilderIsNotAScopeForSts() throws Exception {
    HttpResponse<String> response =
        signedPost("Action=AssumeRole&Version=2011-06-15", "imagebuilder");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(child(child(xml(response.body()), "Error"), "Code").getTextContent())
        .isEqualTo("SignatureDoesNotMatch");
  }

  private static HttpResponse<String> signedPost(String form) throws Exception {
    return signedPost(form, "sts");
  }

  /** A form POST signed as the SDK signs it, with the emulator's static credentials. */
  private static HttpResponse<String> signedPost(String form, String service) throws Exception {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(fx.emu.endpoint().resolve("/"))
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                EmulatorCredentials.ACCESS_KEY_ID,
                                EmulatorCredentials.SECRET_ACCESS_KEY))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(form))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder http =
        HttpRequest.newBuilder(fx.emu.endpoint().resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofString(form));
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("Host")) { // set by the client, to the same value
        header.getValue().forEach(v -> http.header(header.getKey(), v));
      }
    }
    return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Element xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static List<String> childNames(Element parent) {
    return children(parent).stream().map(Element::getLocalName).toList();
  }

  private static Element child(Element parent, String name) {
    return children(parent).stream()
        .filter(e -> e.getLocalName().equals(name) && NS.equals(e.getNamespaceURI()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + parent.getLocalName()));
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }
}

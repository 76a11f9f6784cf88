package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * target/imagebuilder-emulator.jar as scripts/imagebuilder-emulator and other teams run it: {@code
 * java -jar}, with nothing on the class path but the jar. Calls through the real SDK exercise the
 * JSON, YAML and STS paths, so a dependency the jar lacks fails here.
 */
class ImageBuilderEmulatorJarIT {
  private static final Path JAR = Path.of("target", "imagebuilder-emulator.jar");

  private static final Pattern READY =
      Pattern.compile("imagebuilder emulator listening on (http://127\\.0\\.0\\.1:\\d+)");

  @Test
  void printsTheReadyLineThenServesTheApiUntilStopped() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "--port",
                "0",
                "--region",
                "eu-west-1",
                "--account",
                "210987654321")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String line =
          new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      Matcher ready = READY.matcher(String.valueOf(line));
      assertThat(ready.matches()).as("first line: %s", line).isTrue();

      HttpResponse<String> counters =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              ready.group(1) + ImageBuilderEmulator.CONTROL_PREFIX + "counters"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(counters.statusCode()).isEqualTo(200);

      try (ImagebuilderClient client =
          EmulatorClients.imagebuilder(URI.create(ready.group(1)), "eu-west-1", true)) {
        String arn =
            client
                .createWorkflow(
                    SampleWorkflows.create("jar-check", "1.0.0").clientToken("jar-check").build())
                .workflowBuildVersionArn();
        assertThat(arn)
            .isEqualTo(
                "arn:aws:imagebuilder:eu-west-1:210987654321:workflow/build/jar-check/1.0.0/1");
        assertThat(client.getWorkflow(b -> b.workflowBuildVersionArn(arn)).workflow().data())
            .isEqualTo(SampleWorkflows.document("one"));
      }
      assertThat(createdThroughAnAssumedRole(URI.create(ready.group(1))))
          .isEqualTo(
              "arn:aws:imagebuilder:eu-west-1:345678901234:workflow/build/jar-check/1.0.0/1");
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** STS on the same port: trust a role over HTTP, then create a workflow with its credentials. */
  private static String createdThroughAnAssumedRole(URI endpoint) throws Exception {
    String role = "arn:aws:iam::345678901234:role/jar-check";
    HttpResponse<String> trusted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        endpoint.resolve(ImageBuilderEmulator.CONTROL_PREFIX + "trust"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"roleArn\":\"" + role + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(trusted.statusCode()).isEqualTo(204);
    try (StsClient sts =
            StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            EmulatorCredentials.ACCESS_KEY_ID,
                            EmulatorCredentials.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        StsAssumeRoleCredentialsProvider credentials =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(role).roleSessionName("jar-check"))
                .build();
        ImagebuilderClient client =
            EmulatorClients.builder(endpoint, "eu-west-1")
                .credentialsProvider(credentials)
                .build()) {
      return client
          .createWorkflow(
              SampleWorkflows.create("jar-check", "1.0.0").clientToken("jar-check").build())
          .workflowBuildVersionArn();
    }
  }

  @Test
  void rejectsAnUnknownOption() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "--colour",
                "red")
            .redirectErrorStream(true)
            .start();

    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("unknown option --colour");
  }
}

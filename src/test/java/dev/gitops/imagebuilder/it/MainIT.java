package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code Main} in its own JVM, configured only through environment variables as in a pod,
 * against the real API server and the emulator: it drives a resource to Ready and deletes it, makes
 * only AWS calls deploy/iam-policy.json allows, serves /healthz, /readyz and /metrics with the AWS
 * call counter, logs JSON, and stops gracefully on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainIT {
  private static final Pattern STARTED = Pattern.compile("Operator started .*http port (\\d+)\\)");

  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static Workflows workflows;
  static Process main;
  static Path log;
  static int port;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startMain() throws Exception {
    kube.installCrd(Workflows.crd());
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    workflows = new Workflows(kube.client(), kube.namespace());
    log = Files.createTempFile("main-it", ".log");
    var builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "dev.gitops.imagebuilder.Main"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    var env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("IBW_"));
    env.put("KUBECONFIG", kube.kubeconfig().toString());
    env.put("AWS_REGION", emu.region());
    env.put("AWS_ENDPOINT_URL_IMAGEBUILDER", emu.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_ACCESS_KEY);
    env.put("IBW_WATCH_NAMESPACES", kube.namespace());
    env.put("IBW_HTTP_PORT", "0");
    env.put("IBW_LOG_FORMAT", "json");
    env.put("IBW_LEADER_ELECTION", "true");
    env.put("IBW_LEASE_NAMESPACE", kube.namespace());
    main = builder.start();
    await().atMost(Duration.ofSeconds(120)).until(() -> {
      if (!main.isAlive()) {
        throw new AssertionError("Main exited " + main.exitValue() + ":\n" + Files.readString(log));
      }
      Matcher m = STARTED.matcher(Files.readString(log));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
      return port > 0;
    });
  }

  @AfterAll
  static void stop() throws IOException {
    if (main != null && main.isAlive()) {
      main.destroyForcibly();
    }
    emu.close();
    Files.deleteIfExists(log);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void isLiveAndReady() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/readyz").statusCode() == 200);
  }

  @Test
  @Order(2)
  void drivesAResourceToReadyAndCountsItsAwsCalls() throws Exception {
    workflows.create(workflow("main-it", "main-it-flow", "1.0.0", document("main")));
    var ready = workflows.awaitReady("main-it", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/main-it-flow/1.0.0/1");
    assertThat(emu.builds()).hasSize(1);

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .containsPattern("imagebuilder_aws_calls_total\\{operation=\"CreateWorkflow\",outcome=\"[a-z_]+\"} 1\\.0")
        .contains("imagebuilder_aws_call_seconds")
        .contains("operator_sdk_")
        .contains("imagebuilder_leader 1.0");
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/metrics").body()
        .contains("imagebuilder_workflows{condition=\"Ready\",status=\"True\"} 1.0"));
  }

  @Test
  @Order(3)
  void everyAwsCallItMadeIsAllowedByTheIamPolicy() throws Exception {
    workflows.named("main-it").delete();
    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("main-it") == null);
    var allowed = new java.util.TreeSet<String>();
    new ObjectMapper().readTree(Path.of("deploy/iam-policy.json").toFile()).path("Statement")
        .forEach(s -> s.path("Action").forEach(a -> allowed.add(a.asText())));
    assertThat(emu.counters().snapshot().keySet()).isNotEmpty()
        .allSatisfy(operation -> assertThat(allowed).contains("imagebuilder:" + operation));
  }

  @Test
  @Order(4)
  void stopsGracefullyOnSigtermAndReleasesTheLease() throws Exception {
    main.destroy(); // SIGTERM
    assertThat(main.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    assertThat(main.exitValue()).isEqualTo(143);
    String output = Files.readString(log);
    assertThat(output).contains("Released leader lease " + kube.namespace() + "/imagebuilder-workflow-operator");
    var json = new ObjectMapper();
    for (String line : output.split("\n")) {
      assertThat(json.readTree(line).path("message").isTextual()).as("JSON log line: %s", line).isTrue();
    }
    var lease = kube.client().leases().inNamespace(kube.namespace()).withName("imagebuilder-workflow-operator").get();
    assertThat(lease.getSpec().getHolderIdentity()).isNull();
  }
}

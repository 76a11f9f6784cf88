package dev.gitops.imagebuilder.it;

import static dev.gitops.imagebuilder.it.Workflows.document;
import static dev.gitops.imagebuilder.it.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  @RegisterExtension static final KubeApiServerExtension kube = new KubeApiServerExtension();
  static ImageBuilderEmulator emu;
  static Workflows workflows;
  static MainProcess main;

  @BeforeAll
  static void startMain() throws Exception {
    Workflows.installCrds(kube);
    emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
    workflows = new Workflows(kube.client(), kube.namespace());
    main = MainProcess.start(kube, emu, Map.of("IBW_LOG_FORMAT", "json"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (main != null) {
      main.close();
    }
    emu.close();
  }

  @Test
  @Order(1)
  void isLiveAndReady() throws Exception {
    assertThat(main.get("/healthz").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> main.get("/readyz").statusCode() == 200);
  }

  @Test
  @Order(2)
  void drivesAResourceToReadyAndCountsItsAwsCalls() throws Exception {
    workflows.create(workflow("main-it", "main-it-flow", "1.0.0", document("main")));
    var ready = workflows.awaitReady("main-it", "True", "Created");
    assertThat(ready.getStatus().getWorkflowBuildVersionArn()).endsWith("/main-it-flow/1.0.0/1");
    assertThat(emu.builds()).hasSize(1);

    String metrics = main.get("/metrics").body();
    assertThat(metrics)
        .containsPattern(
            "imagebuilder_aws_calls_total\\{account=\"operator\",operation=\"CreateWorkflow\",outcome=\"[a-z_]+\"} 1\\.0")
        .contains("imagebuilder_aws_call_seconds")
        .contains("operator_sdk_")
        .contains("imagebuilder_leader 1.0");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                main.get("/metrics")
                    .body()
                    .contains("imagebuilder_workflows{condition=\"Ready\",status=\"True\"} 1.0"));
  }

  @Test
  @Order(3)
  void everyAwsCallItMadeIsAllowedByTheIamPolicy() throws Exception {
    workflows.named("main-it").delete();
    await().atMost(Workflows.TIMEOUT).until(() -> workflows.get("main-it") == null);
    var allowed = new java.util.TreeSet<String>();
    new ObjectMapper()
        .readTree(Path.of("deploy/iam-policy.json").toFile())
        .path("Statement")
        .forEach(s -> s.path("Action").forEach(a -> allowed.add(a.asText())));
    assertThat(emu.counters().snapshot().keySet())
        .isNotEmpty()
        .allSatisfy(operation -> assertThat(allowed).contains("imagebuilder:" + operation));
  }

  @Test
  @Order(4)
  void stopsGracefullyOnSigtermAndReleasesTheLease() throws Exception {
    main.process().destroy(); // SIGTERM
    assertThat(main.process().waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    assertThat(main.process().exitValue()).isEqualTo(143);
    String output = main.output();
    assertThat(output)
        .contains("Released leader lease " + kube.namespace() + "/imagebuilder-workflow-operator");
    assertThat(
            Pattern.compile(
                    "First reconcile [0-9]+\\.[0-9]{2} s after the JVM started \\([0-9]+\\.[0-9]{2} CPU s\\)")
                .matcher(output)
                .results()
                .count())
        .as("start-up reported once")
        .isEqualTo(1);
    var json = new ObjectMapper();
    for (String line : output.split("\n")) {
      assertThat(json.readTree(line).path("message").isTextual())
          .as("JSON log line: %s", line)
          .isTrue();
    }
    var lease =
        kube.client()
            .leases()
            .inNamespace(kube.namespace())
            .withName("imagebuilder-workflow-operator")
            .get();
    assertThat(lease.getSpec().getHolderIdentity()).isNull();
  }
}

package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.testing.ClassDataArchive;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's {@code --check} run, as the image build runs it to record the class-data archive
 * (see Dockerfile): it builds everything short of the network and exits 0, and a JVM started with
 * the Deployment's options maps the operator's classes from the archive it wrote.
 */
class ClassDataArchiveIT {
  static final Path JAR = Path.of("target/imagebuilder-workflow-operator.jar");

  @TempDir Path dir;

  @Test
  void theDeploymentsJvmLoadsTheOperatorFromTheRecordedArchive() throws Exception {
    Path archive = ClassDataArchive.record(JAR, dir.resolve("operator.jsa"));

    List<String> command = new ArrayList<>(List.of(ClassDataArchive.java(), "-Xshare:on"));
    command.addAll(List.of(ClassDataArchive.use(archive), "-Xlog:class+load=info", "-jar"));
    command.add(JAR.toString());
    command.addAll(ClassDataArchive.RECORDING_ARGS);
    ClassDataArchive.Run run = ClassDataArchive.run(command, Map.of());

    // -Xshare:on: a JVM that cannot map the archive refuses to start
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("dev.gitops.imagebuilder.Main source: shared objects file (top)")
        .contains("io.javaoperatorsdk.operator.Operator source: shared objects file (top)")
        .contains("Checked: the configuration, clients and controllers build");
  }

  @Test
  void theCheckContactsNeitherTheApiServerNorAws() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      acceptor.start();
      String url = "https://127.0.0.1:" + listener.getLocalPort();
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
          users: [{name: u, user: {token: t}}]
          contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
          current-context: c
          """
              .formatted(url));
      List<String> command =
          new ArrayList<>(List.of(ClassDataArchive.java(), "-jar", JAR.toString(), "--check"));
      command.addAll(List.of("--aws-region", "eu-west-1", "--aws-endpoint-url", url));
      command.add("--leader-election");
      ClassDataArchive.Run run =
          ClassDataArchive.run(command, Map.of("KUBECONFIG", kubeconfig.toString()));

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("nothing was contacted");
      assertThat(connections).as("connections to the API server and AWS endpoint").hasValue(0);
    }
  }

  @Test
  void aCheckWithABadSettingExitsTwoNamingIt() throws Exception {
    ClassDataArchive.Run run =
        ClassDataArchive.run(
            List.of(
                ClassDataArchive.java(),
                "-jar",
                JAR.toString(),
                "--check",
                "--aws-region",
                "moon-1"),
            Map.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--aws-region: must be an AWS region like us-east-1");
  }
}

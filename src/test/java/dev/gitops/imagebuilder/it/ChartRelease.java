package dev.gitops.imagebuilder.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.imagebuilder.deploy.HelmChart;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.DeployRbac;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.TokenKubeconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart installed by the real {@code helm install} into the test class's namespace, watching
 * only that namespace (other test classes share the API server), and the real {@code Main} run as
 * the pod would run it: with the environment of the rendered Deployment, authenticated by a
 * TokenRequest token of the chart's ServiceAccount, so only the chart's RBAC authorizes it. The
 * cluster runs no pods, so the operator runs on this machine against its own emulator. {@link
 * #close()} stops both and uninstalls.
 */
final class ChartRelease implements AutoCloseable {

  private final KubeApiServerExtension kube;
  private final String release;
  private final HelmChart chart = new HelmChart();
  private final ImageBuilderEmulator emu = ImageBuilderEmulator.start(EmulatorOptions.defaults());
  private final List<Path> files = new ArrayList<>();
  private List<JsonNode> objects;
  private MainProcess main;

  private ChartRelease(KubeApiServerExtension kube, String release) {
    this.kube = kube;
    this.release = release;
  }

  /**
   * {@code helm install RELEASE chart --namespace <class namespace> --set aws.region=<emulator's>
   * --set watchNamespaces={<class namespace>}}, then Main as the release's operator.
   */
  static ChartRelease start(KubeApiServerExtension kube, String release) throws IOException {
    ChartRelease started = new ChartRelease(kube, release);
    try {
      started.install();
      started.main = started.startMain();
      return started;
    } catch (IOException | RuntimeException | Error e) {
      started.close();
      throw e;
    }
  }

  private void install() {
    chart.ok(
        "install",
        release,
        HelmChart.DIR.toString(),
        "--kubeconfig",
        kube.kubeconfig().toString(),
        "--namespace",
        kube.namespace(),
        "--set",
        "aws.region=" + emu.region(),
        "--set",
        "watchNamespaces={" + kube.namespace() + "}");
    objects =
        HelmChart.documents(
            chart.ok(
                "get",
                "manifest",
                release,
                "--kubeconfig",
                kube.kubeconfig().toString(),
                "--namespace",
                kube.namespace()));
  }

  MainProcess main() {
    return main;
  }

  /** The AWS the release's operator works against. */
  ImageBuilderEmulator emu() {
    return emu;
  }

  /** The objects helm installed (from {@code helm get manifest}). */
  List<JsonNode> objects() {
    return objects;
  }

  JsonNode object(String kind, String name) {
    return HelmChart.find(objects, kind, name);
  }

  JsonNode deployment() {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals("Deployment"))
        .findFirst()
        .orElseThrow();
  }

  String serviceAccount() {
    return deployment().at("/spec/template/spec/serviceAccountName").asText();
  }

  /**
   * The container's environment as the kubelet would give it: values, and the downward API's
   * namespace.
   */
  Map<String, String> operatorEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : deployment().at("/spec/template/spec/containers/0/env")) {
      String fieldPath = e.at("/valueFrom/fieldRef/fieldPath").asText();
      if (fieldPath.equals("metadata.namespace")) {
        env.put(e.path("name").asText(), kube.namespace());
      } else if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      } else {
        throw new AssertionError("the test cannot give " + e + " to the operator process");
      }
    }
    return env;
  }

  /** A bound token of the chart's ServiceAccount, as the pod's projected volume holds. */
  String token() {
    return kube.client()
        .serviceAccounts()
        .inNamespace(kube.namespace())
        .withName(serviceAccount())
        .tokenRequest()
        .getStatus()
        .getToken();
  }

  /**
   * Main with the Deployment's environment, except the JVM options (sized for a container) and the
   * HTTP port (a free one here), and a kubeconfig holding only the ServiceAccount's token.
   */
  private MainProcess startMain() throws IOException {
    DeployRbac.awaitAuthorized(kube.withToken(token()), kube.namespace());
    Map<String, String> env = operatorEnv();
    env.remove("JAVA_TOOL_OPTIONS");
    env.put("IBW_HTTP_PORT", "0");
    env.put("KUBECONFIG", tokenKubeconfig().toString());
    return MainProcess.start(kube, emu, env);
  }

  /** The admin kubeconfig with its user's credentials replaced by the ServiceAccount's token. */
  private Path tokenKubeconfig() throws IOException {
    Path file = Files.createTempFile("chart-release", ".kubeconfig");
    files.add(file);
    return TokenKubeconfig.write(kube.kubeconfig(), token(), file);
  }

  @Override
  public void close() throws IOException {
    try {
      if (main != null) {
        main.close();
      }
      if (objects != null) {
        chart.ok(
            "uninstall",
            release,
            "--kubeconfig",
            kube.kubeconfig().toString(),
            "--namespace",
            kube.namespace());
      }
    } finally {
      emu.close();
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }
}

package dev.gitops.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import dev.gitops.imagebuilder.testing.KubeApiServerExtension;
import dev.gitops.imagebuilder.testing.Kubectl;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shipped examples, applied as a user would (kubectl apply -f / -k), all become Ready. */
class ExamplesIT {
  @RegisterExtension
  @Order(1)
  static final KubeApiServerExtension kube = new KubeApiServerExtension();

  @RegisterExtension
  @Order(2)
  static final OperatorExtension aws = new OperatorExtension(kube);

  final ImageBuilderEmulator emu = aws.emu();
  final Workflows workflows = aws.workflows();

  @Test
  void everyExampleBecomesReady() throws Exception {
    // The S3 example's document must exist for CreateWorkflow to read it.
    emu.s3()
        .putObject(
            "golden-images-workflows",
            "distribution/distribute-to-accounts.yaml",
            Workflows.document("distribution"));
    kubectl(
        "apply",
        "-f",
        "examples/minimal.yaml",
        "-f",
        "examples/full.yaml",
        "-f",
        "examples/s3-uri.yaml");
    kubectl("apply", "-k", "examples/kustomize");

    List<String> names =
        kube
            .client()
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(kube.namespace())
            .list()
            .getItems()
            .stream()
            .map(r -> r.getMetadata().getName())
            .toList();
    assertThat(names).hasSize(4);
    for (String name : names) {
      ImageBuilderWorkflow ready = workflows.awaitReady(name, "True", "Created");
      assertThat(ready.getStatus().getWorkflowBuildVersionArn())
          .startsWith("arn:aws:imagebuilder:");
    }
    assertThat(emu.builds()).hasSize(4);
  }

  private static void kubectl(String... args) {
    Kubectl.Result result =
        new Kubectl(kube.kubectl(), kube.kubeconfig())
            .run(
                Stream.concat(Stream.of("-n", kube.namespace()), Stream.of(args))
                    .toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}

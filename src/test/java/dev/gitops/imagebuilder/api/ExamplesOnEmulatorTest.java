package dev.gitops.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.emulator.EmulatorClients;
import dev.gitops.imagebuilder.emulator.EmulatorOptions;
import dev.gitops.imagebuilder.emulator.ImageBuilderEmulator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;

/**
 * Each example, sent as CreateWorkflow through the real AWS SDK to the Image Builder emulator, is
 * accepted: the examples are valid for AWS, not only for the API server. A ConfigMap reference is
 * read from the kustomize example's document file, an S3 URI from an object put there first.
 */
class ExamplesOnEmulatorTest {
  private static final ImageBuilderEmulator emu =
      ImageBuilderEmulator.start(EmulatorOptions.defaults());
  private static final Path KUSTOMIZED_DOCUMENT =
      Examples.DIR.resolve("kustomize/build-workflow.yaml");

  static List<Path> workflows() {
    return List.of(
        Examples.DIR.resolve("minimal.yaml"),
        Examples.DIR.resolve("full.yaml"),
        Examples.DIR.resolve("s3-uri.yaml"),
        Examples.DIR.resolve("kustomize/golden-ami-build.yaml"),
        Examples.ACCOUNTS.resolve("team-b-build.yaml"));
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void createWorkflowAcceptsTheExample(Path file) throws IOException {
    ImageBuilderWorkflow example =
        Serialization.unmarshal(Files.readString(file), ImageBuilderWorkflow.class);
    ImageBuilderWorkflowSpec spec = example.getSpec();
    String region = Objects.requireNonNullElse(spec.getRegion(), emu.region());
    String name = Objects.requireNonNullElse(spec.getName(), example.getMetadata().getName());
    if (spec.getUri() != null) {
      emu.s3()
          .putObject(
              bucket(spec.getUri()), key(spec.getUri()), Files.readString(KUSTOMIZED_DOCUMENT));
    }
    String data =
        spec.getDataFrom() != null ? Files.readString(KUSTOMIZED_DOCUMENT) : spec.getData();

    try (ImagebuilderClient client = EmulatorClients.imagebuilder(emu, region, false)) {
      String arn =
          client
              .createWorkflow(
                  CreateWorkflowRequest.builder()
                      .name(name)
                      .type(spec.getType().name())
                      .semanticVersion(spec.getSemanticVersion())
                      .description(spec.getDescription())
                      .changeDescription(spec.getChangeDescription())
                      .data(data)
                      .uri(spec.getUri())
                      .kmsKeyId(spec.getKmsKeyId())
                      .tags(spec.getTags())
                      .build())
              .workflowBuildVersionArn();

      assertThat(arn)
          .startsWith("arn:aws:imagebuilder:" + region + ":")
          .endsWith("/" + spec.getSemanticVersion() + "/1");
    }
  }

  private static String bucket(String uri) {
    return uri.substring("s3://".length(), uri.indexOf('/', "s3://".length()));
  }

  private static String key(String uri) {
    return uri.substring(uri.indexOf('/', "s3://".length()) + 1);
  }
}

package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.testing.ClassDataArchive;
import dev.gitops.imagebuilder.testing.DeploymentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The Dockerfile cannot be built here (no registry to pull its images from), so what can drift is
 * checked against its neighbours: it copies the jar the shade plugin writes, records its class-data
 * archive and runs it with the Deployment's JVM options, as the user deploy/ expects, and ends on a
 * runtime image separate from the build image.
 */
class DockerfileTest {
  static final String ARCHIVE = "/app/operator.jsa";
  static final Pattern COPY_JAR =
      Pattern.compile("(?m)^COPY --from=build /src/(target/\\S+\\.jar) (\\S+)$");

  final List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

  DockerfileTest() throws IOException {}

  @Test
  void buildsWithMavenThenRunsOnASeparateRuntimeImage() {
    List<String> stages = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0)).contains("maven").endsWith(" AS build");
    assertThat(stages.get(1)).doesNotContain("maven").doesNotContain(" AS ");
  }

  @Test
  void copiesTheShadedJarAndRunsItWithItsClassDataArchive() throws Exception {
    Matcher copy = COPY_JAR.matcher(String.join("\n", lines));
    assertThat(copy.find()).as("COPY --from=build of the operator jar").isTrue();
    assertThat(copy.group(1)).isEqualTo("target/" + shadedJarName());
    assertThat(instruction("ENTRYPOINT"))
        .containsExactly(
            "/usr/bin/java", ClassDataArchive.use(Path.of(ARCHIVE)), "-jar", copy.group(2));
  }

  /**
   * The archive is recorded as {@code ClassDataArchive} records it for the benchmark and {@code
   * ClassDataArchiveIT}: a {@code --check} run under the Deployment's JVM options and memory limit
   * (a JVM whose compressed-pointer settings differ cannot use the archive).
   */
  @Test
  void recordsTheArchiveAsTheDeploymentRunsTheJvm() throws Exception {
    DeploymentSettings deployment = DeploymentSettings.read();
    assertThat(lines)
        .contains(
            "ENV JAVA_TOOL_OPTIONS=\"" + deployment.environment().get("JAVA_TOOL_OPTIONS") + "\"");
    List<String> run = instruction("RUN");
    assertThat(run.get(0)).isEqualTo("/usr/bin/java");
    assertThat(run.get(1))
        .as("MaxRAM in MiB, the JVM's m")
        .isEqualTo("-XX:MaxRAM=" + deployment.memoryLimitBytes() / (1024 * 1024) + "m");
    Matcher copy = COPY_JAR.matcher(String.join("\n", lines));
    assertThat(copy.find()).isTrue();
    List<String> rest = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-jar"));
    rest.add(copy.group(2));
    rest.addAll(ClassDataArchive.RECORDING_ARGS);
    assertThat(run.subList(2, run.size())).isEqualTo(rest);
  }

  /** The exec-form (JSON array) arguments of the runtime stage's only {@code name} instruction. */
  private List<String> instruction(String name) throws IOException {
    List<String> found =
        lines.stream()
            .dropWhile(l -> !l.startsWith("FROM gcr.io/distroless"))
            .filter(l -> l.startsWith(name + " ["))
            .toList();
    assertThat(found).as(name + " in the runtime stage").hasSize(1);
    return List.of(
        new ObjectMapper().readValue(found.get(0).substring(name.length() + 1), String[].class));
  }

  @Test
  void runsAsTheNonRootUserTheDeploymentDeclares() throws IOException {
    JsonNode pod =
        DeployManifestsTest.only("deployment.yaml", "Deployment")
            .at("/spec/template/spec/securityContext");
    assertThat(pod.path("runAsUser").asInt()).isPositive();
    assertThat(lines)
        .contains("USER " + pod.path("runAsUser").asInt() + ":" + pod.path("runAsGroup").asInt());
  }

  /** The shade plugin's finalName (with ${project.artifactId} resolved) plus .jar. */
  private static String shadedJarName() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    String artifactId =
        pom.getDocumentElement().getElementsByTagName("artifactId").item(0).getTextContent();
    var plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      var plugin = (org.w3c.dom.Element) plugins.item(i);
      if (plugin
          .getElementsByTagName("artifactId")
          .item(0)
          .getTextContent()
          .equals("maven-shade-plugin")) {
        String finalName = plugin.getElementsByTagName("finalName").item(0).getTextContent();
        return finalName.replace("${project.artifactId}", artifactId) + ".jar";
      }
    }
    throw new AssertionError("pom.xml has no maven-shade-plugin");
  }
}

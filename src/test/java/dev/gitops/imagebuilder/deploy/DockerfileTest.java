package dev.gitops.imagebuilder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The Dockerfile cannot be built here (no container engine), so what can drift is checked against
 * its neighbours: it copies the jar the shade plugin writes, runs it as the user deploy/ expects,
 * and ends on a runtime image separate from the build image.
 */
class DockerfileTest {
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
  void copiesTheShadedJarAndRunsIt() throws Exception {
    Matcher copy = COPY_JAR.matcher(String.join("\n", lines));
    assertThat(copy.find()).as("COPY --from=build of the operator jar").isTrue();
    assertThat(copy.group(1)).isEqualTo("target/" + shadedJarName());
    assertThat(lines)
        .contains("ENTRYPOINT [\"/usr/bin/java\", \"-jar\", \"" + copy.group(2) + "\"]");
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

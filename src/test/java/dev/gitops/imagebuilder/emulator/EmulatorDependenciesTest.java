package dev.gitops.imagebuilder.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The emulator is written against the service model, never against the operator: its source set
 * compiles with the JDK and Jackson alone, which is all target/imagebuilder-emulator.jar carries.
 */
class EmulatorDependenciesTest {

  @Test
  void compilesAgainstTheJdkAndJacksonOnly(@TempDir Path out) throws Exception {
    List<String> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "emulator", "java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(sources).isNotEmpty();
    String classPath =
        Stream.of(
                JsonFactory.class,
                ObjectMapper.class,
                JsonProperty.class,
                YAMLFactory.class,
                Yaml.class)
            .map(EmulatorDependenciesTest::jarOf)
            .collect(Collectors.joining(java.io.File.pathSeparator));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options =
        List.of("--release", "17", "-proc:none", "-cp", classPath, "-d", out.toString());
    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                options,
                null,
                javac
                    .getStandardFileManager(null, null, null)
                    .getJavaFileObjectsFromStrings(sources))
            .call();

    assertThat(compiled).as("javac output:%n%s", diagnostics).isTrue();
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

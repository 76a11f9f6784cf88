package dev.gitops.imagebuilder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator jar's class-data archive recorded as the Dockerfile records it: a {@code --check}
 * run of the jar under the Deployment's JVM options, with its memory limit as MaxRAM, writing the
 * classes it loaded at exit. A JVM started from the same jar with {@link #use(Path)} maps them
 * instead of loading them.
 */
public final class ClassDataArchive {
  /** What follows {@code -jar JAR} in the Dockerfile's recording run. */
  public static final List<String> RECORDING_ARGS = List.of("--check", "--aws-region", "us-east-1");

  private ClassDataArchive() {}

  /** Records {@code archive} (replacing it) from {@code jar}; fails with the run's output. */
  public static Path record(Path jar, Path archive) throws IOException, InterruptedException {
    Files.deleteIfExists(archive);
    List<String> command = new ArrayList<>(List.of(java(), "-XX:ArchiveClassesAtExit=" + archive));
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(RECORDING_ARGS);
    Run run = run(command, Map.of());
    if (run.exitCode() != 0 || !Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "recording the class-data archive exited " + run.exitCode() + ":\n" + run.output());
    }
    return archive;
  }

  /** The JVM option the Dockerfile's ENTRYPOINT gives. */
  public static String use(Path archive) {
    return "-XX:SharedArchiveFile=" + archive;
  }

  /**
   * A run of {@code command} as the image runs the jar: the Deployment's JVM options, no AWS or
   * operator settings but {@code env}'s.
   */
  public static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("class-data-run", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder
          .environment()
          .keySet()
          .removeIf(k -> k.startsWith("AWS_") || k.startsWith("IBW_") || k.startsWith("JAVA_"));
      builder.environment().put("JAVA_TOOL_OPTIONS", DeploymentSettings.read().javaToolOptions());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("still running after 60 s: " + command);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.delete(output);
    }
  }

  /** The machine's java, the one that runs the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public record Run(int exitCode, String output) {}
}

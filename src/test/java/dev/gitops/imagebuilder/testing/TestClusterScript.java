package dev.gitops.imagebuilder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/test-cluster} for one state directory. The script stays the single place that
 * knows how to find binaries and start the pair, so IDE runs and {@code scripts/test} behave the
 * same.
 */
final class TestClusterScript {

  /** Generous: the first run on a machine without binaries builds them from source. */
  private static final long UP_TIMEOUT_MINUTES = 45;

  private static final String EXPORT_PREFIX = "export KUBECONFIG=";

  private final Path script;
  private final Path stateDir;

  TestClusterScript(Path script, Path stateDir) {
    this.script = script;
    this.stateDir = stateDir;
  }

  /** The script of the project the tests run in, found from the working directory upwards. */
  static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/test-cluster");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "scripts/test-cluster not found above "
            + Path.of("").toAbsolutePath()
            + "; run the tests from the project");
  }

  /** {@code up}: starts (or reuses) the pair and returns it. */
  TestCluster up() {
    return TestCluster.besideKubeconfig(kubeconfigOf(run("up", UP_TIMEOUT_MINUTES)));
  }

  /** {@code env}: true when a pair is running in the state directory. */
  boolean isRunning() {
    try {
      return exec("env", 1).exitCode == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code down}: stops the pair and removes its state. */
  void down() {
    run("down", 2);
  }

  /** The path in the script's last line, {@code export KUBECONFIG=<path>}. */
  static Path kubeconfigOf(String scriptOutput) {
    String[] lines = scriptOutput.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    if (!last.startsWith(EXPORT_PREFIX)) {
      throw new IllegalStateException(
          "scripts/test-cluster printed no export line: " + scriptOutput);
    }
    return Path.of(last.substring(EXPORT_PREFIX.length()));
  }

  private String run(String command, long timeoutMinutes) {
    try {
      Result result = exec(command, timeoutMinutes);
      if (result.exitCode != 0) {
        throw new IllegalStateException(
            "scripts/test-cluster "
                + command
                + " failed (exit "
                + result.exitCode
                + "); its messages are above");
      }
      return result.stdout;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    }
  }

  private Result exec(String command, long timeoutMinutes) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), command)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("TEST_CLUSTER_DIR", stateDir.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    try (InputStream stdout = process.getInputStream()) {
      String out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("scripts/test-cluster " + command + " timed out");
      }
      return new Result(process.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(
          "interrupted while running scripts/test-cluster " + command, e);
    }
  }

  private record Result(int exitCode, String stdout) {}
}

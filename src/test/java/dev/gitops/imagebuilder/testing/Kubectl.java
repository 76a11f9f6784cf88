package dev.gitops.imagebuilder.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test server's kubectl as a process, run as a user runs it: {@code new Kubectl(kube.kubectl(),
 * kube.kubeconfig())}.
 */
public record Kubectl(Path binary, Path kubeconfig) {

  private static final long TIMEOUT_SECONDS = 120;

  /**
   * Exit code and the two streams, kept apart so stdout can be parsed (kubectl warns on stderr).
   */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for failure messages. */
    public String output() {
      return stdout + stderr;
    }
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs with {@code stdin} (may be null) as standard input, e.g. YAML for {@code apply -f -}. */
  public Result runWithInput(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path stderr = null;
    try {
      // stderr to a file: reading two pipes one after the other could block kubectl on the other
      // one
      stderr = Files.createTempFile("kubectl", ".stderr");
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), stdout, Files.readString(stderr));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } finally {
      if (stderr != null) {
        stderr.toFile().delete();
      }
    }
  }

  /** Runs and returns stdout, failing with kubectl's own message on a non-zero exit. */
  public String ok(String stdin, String... args) {
    Result r = runWithInput(stdin, args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "kubectl " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.output());
    }
    return r.stdout();
  }
}

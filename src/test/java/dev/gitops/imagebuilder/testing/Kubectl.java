package dev.gitops.imagebuilder.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    Command.Result result = Command.run(command, stdin, TIMEOUT_SECONDS);
    return new Result(result.exitCode(), result.stdout(), result.stderr());
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

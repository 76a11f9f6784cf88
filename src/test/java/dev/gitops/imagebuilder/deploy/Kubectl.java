package dev.gitops.imagebuilder.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The harness's kubectl as a process: what a user runs, with the test server's kubeconfig. */
record Kubectl(Path binary, Path kubeconfig) {

  record Result(int exitCode, String stdout, String stderr) {}

  Result run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    var stdout = p.getInputStream().readAllBytes(); // small outputs: no need for a reader thread
    var stderr = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
  }

  /** Runs and returns stdout, failing with kubectl's own message on a non-zero exit. */
  String ok(String stdin, String... args) throws IOException, InterruptedException {
    Result r = run(stdin, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("kubectl " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.stderr() + r.stdout());
    }
    return r.stdout();
  }
}

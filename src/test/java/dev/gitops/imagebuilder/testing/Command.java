package dev.gitops.imagebuilder.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool to its end, with optional standard input, as a user runs it. */
public final class Command {

  /** Exit code and the two streams, kept apart so stdout can be parsed (tools warn on stderr). */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for failure messages. */
    public String output() {
      return stdout + stderr;
    }
  }

  private Command() {}

  /**
   * Runs {@code command} with {@code stdin} (may be null); kills it after {@code timeoutSeconds}.
   */
  public static Result run(List<String> command, String stdin, long timeoutSeconds) {
    Path stderr = null;
    try {
      // stderr to a file: reading two pipes one after the other could block the tool on the other
      // one
      stderr = Files.createTempFile("command", ".stderr");
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
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
}

package dev.gitops.imagebuilder.deploy;

import dev.gitops.imagebuilder.testing.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A command-line tool the deploy/ tests run for real (helm, promtool, lua5.1), found or fetched
 * once per JVM by {@code scripts/ensure-tool}.
 */
public record ExternalTool(String path) {
  private static final ConcurrentHashMap<String, ExternalTool> LOCATED = new ConcurrentHashMap<>();

  /** Long enough for the first build of helm on 2 busy cores. */
  private static final long LOCATE_SECONDS = 1200;

  private static final long RUN_SECONDS = 300;

  public static ExternalTool locate(String name) {
    return LOCATED.computeIfAbsent(
        name,
        n -> {
          Command.Result located =
              Command.run(List.of("scripts/ensure-tool", n), null, LOCATE_SECONDS);
          String[] lines = located.stdout().strip().split("\n");
          if (located.exitCode() != 0 || lines[lines.length - 1].isBlank()) {
            throw new IllegalStateException(
                "scripts/ensure-tool " + n + " failed:\n" + located.output());
          }
          return new ExternalTool(lines[lines.length - 1]);
        });
  }

  public Command.Result run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(path));
    command.addAll(List.of(args));
    return Command.run(command, stdin, RUN_SECONDS);
  }

  /** Runs it and returns stdout; fails with both streams when the exit code is not 0. */
  public String ok(String stdin, String... args) {
    Command.Result result = run(stdin, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          Path.of(path).getFileName()
              + " "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.stdout();
  }
}

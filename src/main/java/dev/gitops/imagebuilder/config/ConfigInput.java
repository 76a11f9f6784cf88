package dev.gitops.imagebuilder.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw text of each setting, taken from {@code --flag value} / {@code --flag=value} arguments or
 * else from the first non-blank environment variable of that setting. Argument mistakes (unknown
 * flag, missing value) are collected as problems, one line each.
 */
final class ConfigInput {

  /** A setting's text and the name (flag or variable) it came from, for error messages. */
  record Raw(String source, String text) {}

  private final Map<String, String> env;
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);
  private final List<String> problems = new ArrayList<>();

  ConfigInput(Map<String, String> env, List<String> args) {
    this.env = env;
    parseArgs(args);
  }

  List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  Optional<Raw> get(Setting setting) {
    if (flags.containsKey(setting)) {
      return Optional.of(new Raw(setting.flag(), flags.get(setting)));
    }
    for (String name : setting.envNames()) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(new Raw(name, value.strip()));
      }
    }
    return Optional.empty();
  }

  private void parseArgs(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      Optional<Setting> setting = byFlag(name);
      if (setting.isEmpty()) {
        problems.add(
            arg.startsWith("--")
                ? name + ": unknown flag (--help lists the flags)"
                : "\""
                    + arg
                    + "\": unexpected argument; settings are --flag value or --flag=value");
        continue;
      }
      if (eq >= 0) {
        flags.put(setting.get(), arg.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        flags.put(setting.get(), args.get(++i));
      } else if (setting.get() == Setting.LEADER_ELECTION) {
        flags.put(setting.get(), "true"); // a bare switch turns it on
      } else {
        problems.add(name + ": needs a value (" + name + " VALUE or " + name + "=VALUE)");
      }
    }
  }

  private static Optional<Setting> byFlag(String flag) {
    for (Setting s : Setting.values()) {
      if (s.flag().equals(flag)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}

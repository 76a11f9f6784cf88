package dev.gitops.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Main in its own JVM: a bad setting stops it at once with one line and exit code 2. */
class MainBadConfigurationIT {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      IBW_DRIFT_CHECK_INTERVAL=-5m | '' | IBW_DRIFT_CHECK_INTERVAL: must be a positive duration like 10m or PT10M, got "-5m"
      IBW_LOG_FORMAT=xml           | '' | IBW_LOG_FORMAT: must be plain or json, got "xml"
      ''                           | --aws-region=moon-1 | --aws-region: must be an AWS region like us-east-1, got "moon-1"
      """)
  void exitsNonZeroWithOneLineNamingTheSettingAndRule(String env, String arg, String line)
      throws Exception {
    var builder = MainProcess.builder();
    if (!arg.isEmpty()) {
      builder.command().add(arg);
    }
    builder.environment().put("AWS_REGION", "us-east-1");
    if (!env.isEmpty()) {
      builder
          .environment()
          .put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
    }
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).isEqualTo(line + System.lineSeparator());
    assertThat(stdout).isEmpty();
  }
}

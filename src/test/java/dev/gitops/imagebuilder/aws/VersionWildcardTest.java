package dev.gitops.imagebuilder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionWildcardTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "x.x.x, 0.0.0, true",
    "x.x.x, 1073741823.2.3, true",
    "1.x.x, 1.9.9, true",
    "1.x.x, 2.0.0, false",
    "1.2.x, 1.2.10, true",
    "1.2.x, 1.3.0, false",
    "1.2.3, 1.2.3, true",
    "1.2.3, 1.2.4, false",
    "01.2.x, 1.2.0, true"
  })
  void matchesAsTheServiceResolves(String wildcard, String version, boolean matches) {
    assertThat(new VersionWildcard(wildcard).matches(version)).isEqualTo(matches);
  }
}

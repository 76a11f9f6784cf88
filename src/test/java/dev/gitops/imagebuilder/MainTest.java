package dev.gitops.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void inAPodTheHealthPortListensOnEveryAddressSoTheKubeletCanProbeIt() {
    assertThat(Main.bindAddress(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")).isAnyLocalAddress())
        .isTrue();
  }

  @Test
  void outsideAClusterItListensOnLoopbackOnly() {
    assertThat(Main.bindAddress(Map.of()).isLoopbackAddress()).isTrue();
  }
}

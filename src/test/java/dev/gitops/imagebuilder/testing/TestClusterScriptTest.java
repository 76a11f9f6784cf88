package dev.gitops.imagebuilder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestClusterScriptTest {

  @Test
  void kubeconfigIsTakenFromTheLastLine() {
    String out = "some progress\nexport KUBECONFIG=/tmp/state/kubeconfig\n";

    assertThat(TestClusterScript.kubeconfigOf(out)).isEqualTo(Path.of("/tmp/state/kubeconfig"));
  }

  @Test
  void outputWithoutExportLineIsAnError() {
    assertThatThrownBy(() -> TestClusterScript.kubeconfigOf("export KUBECONFIG=/x\nsomething else"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no export line");
  }

  @Test
  void kubectlLivesBesideTheKubeconfig() {
    TestCluster cluster = TestCluster.besideKubeconfig(Path.of("/state/kubeconfig"));

    assertThat(cluster.kubectl()).isEqualTo(Path.of("/state/kubectl"));
  }
}

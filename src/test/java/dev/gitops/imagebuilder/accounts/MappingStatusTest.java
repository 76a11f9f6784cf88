package dev.gitops.imagebuilder.accounts;

import static dev.gitops.imagebuilder.accounts.AccountMappingsTest.labels;
import static dev.gitops.imagebuilder.accounts.AccountMappingsTest.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Map<String, Map<String, String>> NAMESPACES =
      Map.of("a", Map.of(), "b", Map.of("team", "b"), "c", Map.of("team", "b"));

  @Test
  void aMappingAloneIsReadyWithTheNamespacesItSelects() {
    ImageBuilderAccount byLabel =
        mapping("by-label", "arn:aws:iam::222222222222:role/b", null, labels(Map.of("team", "b")));
    ImageBuilderAccountStatus status =
        MappingStatus.of(byLabel, List.of(byLabel), NAMESPACES, null, NOW);
    assertThat(status.getNamespaces()).containsExactly("b", "c");
    assertThat(status.getAccountId()).isEqualTo("222222222222");
    assertThat(status.getConflicts()).isNull();
    assertThat(status.getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("Mapped");
              assertThat(c.getLastTransitionTime()).isEqualTo(NOW.toString());
            });
  }

  @Test
  void overlappingMappingsAreBothNotReadyAndNameEachOther() {
    ImageBuilderAccount byLabel =
        mapping("by-label", "arn:aws:iam::222222222222:role/b", null, labels(Map.of("team", "b")));
    ImageBuilderAccount byName =
        mapping("by-name", "arn:aws:iam::111111111111:role/a", List.of("a", "c"), null);
    List<ImageBuilderAccount> all = List.of(byLabel, byName);

    ImageBuilderAccountStatus first = MappingStatus.of(byLabel, all, NAMESPACES, null, NOW);
    ImageBuilderAccountStatus second = MappingStatus.of(byName, all, NAMESPACES, null, NOW);

    assertThat(first.getConflicts()).containsExactly("c: by-name");
    assertThat(second.getConflicts()).containsExactly("c: by-label");
    assertThat(second.getNamespaces()).containsExactly("a", "c");
    assertThat(first.getConditions().get(0).getReason()).isEqualTo("AccountMappingConflict");
    assertThat(first.getConditions().get(0).getStatus()).isEqualTo("False");
    assertThat(first.getConditions().get(0).getMessage()).contains("c: by-name");
  }

  @Test
  void theTransitionTimeMovesOnlyWithTheStatus() {
    ImageBuilderAccount byName =
        mapping("by-name", "arn:aws:iam::111111111111:role/a", List.of("a"), null);
    ImageBuilderAccountStatus before =
        MappingStatus.of(byName, List.of(byName), NAMESPACES, null, NOW);
    ImageBuilderAccountStatus after =
        MappingStatus.of(byName, List.of(byName), NAMESPACES, before, NOW.plusSeconds(60));
    assertThat(after.getConditions().get(0).getLastTransitionTime()).isEqualTo(NOW.toString());
  }
}

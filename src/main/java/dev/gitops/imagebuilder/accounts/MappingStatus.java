package dev.gitops.imagebuilder.accounts;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountStatus;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.status.Conditions;
import dev.gitops.imagebuilder.status.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status of a mapping: the namespaces it selects and the ones another mapping selects too.
 * Pure.
 */
public final class MappingStatus {
  private MappingStatus() {}

  /**
   * @param all every mapping, {@code mapping} included
   * @param namespaces every namespace with its labels
   */
  public static ImageBuilderAccountStatus of(
      ImageBuilderAccount mapping,
      List<ImageBuilderAccount> all,
      Map<String, Map<String, String>> namespaces,
      ImageBuilderAccountStatus current,
      Instant now) {
    List<String> selected = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    namespaces.keySet().stream()
        .sorted()
        .forEach(
            namespace -> {
              Map<String, String> labels = namespaces.get(namespace);
              if (!AccountMappings.selects(mapping, namespace, labels)) {
                return;
              }
              selected.add(namespace);
              List<ImageBuilderAccount> others =
                  all.stream()
                      .filter(o -> !sameName(o, mapping))
                      .filter(o -> AccountMappings.selects(o, namespace, labels))
                      .toList();
              if (!others.isEmpty()) {
                conflicts.add(namespace + ": " + AccountMappings.names(others));
              }
            });
    ImageBuilderAccountStatus next = new ImageBuilderAccountStatus();
    long generation =
        mapping.getMetadata().getGeneration() == null ? 0 : mapping.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    next.setAccountId(AccountRef.accountOf(mapping.getSpec().getRoleArn()));
    next.setNamespaces(selected);
    next.setConflicts(conflicts.isEmpty() ? null : conflicts);
    next.setConditions(
        current == null ? new ArrayList<>() : new ArrayList<>(current.getConditions()));
    Conditions.set(
        next.getConditions(),
        Conditions.READY,
        conflicts.isEmpty(),
        conflicts.isEmpty() ? Reason.Mapped.name() : Reason.AccountMappingConflict.name(),
        conflicts.isEmpty()
            ? selected.size() + " namespace(s) use role " + mapping.getSpec().getRoleArn()
            : "namespaces selected by another ImageBuilderAccount too ("
                + String.join("; ", conflicts)
                + "): their workflows use no account until one mapping lets go",
        generation,
        now);
    return next;
  }

  private static boolean sameName(ImageBuilderAccount a, ImageBuilderAccount b) {
    return Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }
}

package dev.gitops.imagebuilder.accounts;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.aws.AccountRef;
import dev.gitops.imagebuilder.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which account a namespace's workflows use, from the cluster admins' {@link ImageBuilderAccount}
 * mappings. Pure. A namespace selected by one mapping uses its role; by none, the operator's own
 * credentials (or is refused when a mapping is required); by two or more, none: the overlap is
 * refused rather than resolved by the order mappings happen to be listed in.
 */
public final class AccountMappings {
  private AccountMappings() {}

  /** What a namespace maps to. */
  public sealed interface Resolution {}

  /** The role of the one mapping that selects the namespace. */
  public record Mapped(String mapping, AccountRef account) implements Resolution {}

  /** No mapping selects the namespace: the operator's own credentials. */
  public record Unmapped() implements Resolution {}

  /** The namespace may not reach AWS: say why and make no call. */
  public record Refused(Reason reason, String message) implements Resolution {}

  /**
   * The namespace is not in the operator's cache yet while mappings select by label: deciding now
   * could pick the wrong account.
   */
  public record NamespaceUnknown(String message) implements Resolution {}

  /**
   * @param labels the namespace's labels; null when the namespace is not known yet
   * @param requireMapping whether an unmapped namespace is refused instead of using the operator's
   *     own credentials
   */
  public static Resolution resolve(
      List<ImageBuilderAccount> mappings,
      String namespace,
      Map<String, String> labels,
      boolean requireMapping) {
    if (labels == null && mappings.stream().anyMatch(m -> bySelector(m) && !byName(m, namespace))) {
      return new NamespaceUnknown(
          "namespace " + namespace + " is not in the operator's cache yet; looking again shortly");
    }
    List<ImageBuilderAccount> selecting =
        mappings.stream().filter(m -> selects(m, namespace, labels)).toList();
    if (selecting.size() > 1) {
      return new Refused(
          Reason.AccountMappingConflict,
          "namespace "
              + namespace
              + " is selected by more than one ImageBuilderAccount ("
              + names(selecting)
              + "); no AWS call is made for its workflows until exactly one selects it");
    }
    if (selecting.size() == 1) {
      ImageBuilderAccount mapping = selecting.get(0);
      return new Mapped(
          mapping.getMetadata().getName(),
          AccountRef.role(
              mapping.getSpec().getRoleArn(), mapping.getSpec().getExternalId(), namespace));
    }
    if (requireMapping) {
      return new Refused(
          Reason.AccountNotMapped,
          "no ImageBuilderAccount maps namespace "
              + namespace
              + ", and the operator runs with IBW_REQUIRE_ACCOUNT_MAPPING=true; a cluster admin"
              + " must map it to an IAM role");
    }
    return new Unmapped();
  }

  /** Whether {@code mapping} selects the namespace, by name or by labels (null: unknown). */
  public static boolean selects(
      ImageBuilderAccount mapping, String namespace, Map<String, String> labels) {
    if (byName(mapping, namespace)) {
      return true;
    }
    LabelSelector selector = mapping.getSpec().getNamespaceSelector();
    return selector != null && labels != null && matches(selector, labels);
  }

  /**
   * Kubernetes label selector semantics: every matchLabels pair and every matchExpressions
   * requirement must hold; an empty selector selects every namespace.
   */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> required = selector.getMatchLabels();
    if (required != null
        && !required.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null || expressions.stream().allMatch(r -> holds(r, labels));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false; // an operator Kubernetes does not define selects nothing
    };
  }

  private static boolean byName(ImageBuilderAccount mapping, String namespace) {
    List<String> names = mapping.getSpec().getNamespaces();
    return names != null && names.contains(namespace);
  }

  private static boolean bySelector(ImageBuilderAccount mapping) {
    return mapping.getSpec().getNamespaceSelector() != null;
  }

  static String names(List<ImageBuilderAccount> mappings) {
    return mappings.stream()
        .map(m -> m.getMetadata().getName())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}

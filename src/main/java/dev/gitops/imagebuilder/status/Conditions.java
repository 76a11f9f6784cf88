package dev.gitops.imagebuilder.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Condition bookkeeping with Kubernetes semantics: {@code lastTransitionTime} moves only when
 * {@code status} changes; {@code observedGeneration} is the generation the condition was computed
 * from.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  private Conditions() {}

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Sets (adds or replaces) the condition of this type in {@code conditions}. */
  public static void set(
      List<Condition> conditions,
      String type,
      boolean status,
      String reason,
      String message,
      long generation,
      Instant now) {
    String statusText = status ? "True" : "False";
    Optional<Condition> existing = find(conditions, type);
    String transition =
        existing
            .filter(c -> statusText.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    Condition next =
        new ConditionBuilder()
            .withType(type)
            .withStatus(statusText)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    existing.ifPresentOrElse(
        c -> conditions.set(conditions.indexOf(c), next), () -> conditions.add(next));
  }
}

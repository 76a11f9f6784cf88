package dev.gitops.imagebuilder.bench;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Follows every workflow resource of a namespace through one watch (an informer), never by listing:
 * records when each first met a goal and which ever showed a given condition reason.
 */
final class WorkflowWatch implements AutoCloseable {
  private final SharedIndexInformer<ImageBuilderWorkflow> informer;
  private final Map<String, ImageBuilderWorkflow> latest = new ConcurrentHashMap<>();
  private final Map<String, Long> metAtNanos = new ConcurrentHashMap<>();
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final Set<String> watchedReasons = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> sawReason = new ConcurrentHashMap<>();
  private volatile Predicate<ImageBuilderWorkflow> goal = r -> false;

  WorkflowWatch(KubernetesClient client, String namespace) {
    informer =
        client
            .resources(ImageBuilderWorkflow.class)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ImageBuilderWorkflow r) {
                    seen(r);
                  }

                  @Override
                  public void onUpdate(ImageBuilderWorkflow old, ImageBuilderWorkflow r) {
                    seen(r);
                  }

                  @Override
                  public void onDelete(ImageBuilderWorkflow r, boolean unknownFinalState) {
                    latest.remove(r.getMetadata().getName());
                  }
                },
                0);
  }

  /** Ready=True for the resource's current generation. */
  static boolean ready(ImageBuilderWorkflow r) {
    return condition(r, "Ready")
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> r.getMetadata().getGeneration().equals(c.getObservedGeneration()))
        .isPresent();
  }

  static Optional<Condition> condition(ImageBuilderWorkflow r, String type) {
    return r.getStatus() == null || r.getStatus().getConditions() == null
        ? Optional.empty()
        : r.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private synchronized void seen(ImageBuilderWorkflow r) {
    String name = r.getMetadata().getName();
    latest.put(name, r);
    if (condition(r, "Stalled").filter(c -> "True".equals(c.getStatus())).isPresent()) {
      stalled.add(name);
    }
    // Ready's reason, or Reconciling's while Ready stays True (a drift check that cannot reach AWS)
    Stream.of(condition(r, "Ready"), condition(r, "Reconciling"))
        .flatMap(Optional::stream)
        .filter(c -> "Ready".equals(c.getType()) || "True".equals(c.getStatus()))
        .map(Condition::getReason)
        .filter(watchedReasons::contains)
        .forEach(
            reason ->
                sawReason.computeIfAbsent(reason, k -> ConcurrentHashMap.newKeySet()).add(name));
    if (!metAtNanos.containsKey(name) && goal.test(r)) {
      metAtNanos.put(name, System.nanoTime());
      notifyAll();
    }
  }

  /**
   * From now on, records which resources show {@code reason} on their Ready condition, or on a True
   * Reconciling condition.
   */
  void recordReason(String reason) {
    watchedReasons.add(reason);
  }

  Set<String> sawReason(String reason) {
    return sawReason.getOrDefault(reason, Set.of());
  }

  /** Starts a new goal; the resources already meeting it count as met now. */
  synchronized void goal(Predicate<ImageBuilderWorkflow> newGoal) {
    goal = newGoal;
    metAtNanos.clear();
    stalled.clear();
    long now = System.nanoTime();
    latest.forEach(
        (name, r) -> {
          if (newGoal.test(r)) {
            metAtNanos.put(name, now);
          }
        });
  }

  /**
   * Waits until every one of {@code names} met the goal set with {@link #goal}, or {@code timeout};
   * returns how many did not.
   */
  synchronized int await(Collection<String> names, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int missing = (int) names.stream().filter(n -> !metAtNanos.containsKey(n)).count();
      long left = deadline - System.nanoTime();
      if (missing == 0 || left <= 0) {
        return missing;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }
  }

  /** When {@code name} met the current goal (System.nanoTime), if it did. */
  Optional<Long> metAt(String name) {
    return Optional.ofNullable(metAtNanos.get(name));
  }

  /** The last-met time among {@code names}. */
  long lastMetAt(Collection<String> names) {
    return names.stream().map(metAtNanos::get).filter(t -> t != null).max(Long::compare).orElse(0L);
  }

  /** How many of {@code names} showed Stalled=True since the current goal was set. */
  long stalledCount(Collection<String> names) {
    return names.stream().filter(stalled::contains).count();
  }

  Optional<ImageBuilderWorkflow> get(String name) {
    return Optional.ofNullable(latest.get(name));
  }

  int size() {
    return latest.size();
  }

  @Override
  public void close() {
    informer.close();
  }
}

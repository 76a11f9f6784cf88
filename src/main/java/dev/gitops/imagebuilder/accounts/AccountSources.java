package dev.gitops.imagebuilder.accounts;

import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflowStatus;
import dev.gitops.imagebuilder.status.Conditions;
import dev.gitops.imagebuilder.status.Reason;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The workflow reconciler's view of the account mappings: informers on {@link ImageBuilderAccount}
 * (cluster-scoped) and on namespaces (their labels), and the events that send the affected
 * workflows back to the reconciler when a mapping or a namespace's labels change.
 */
public final class AccountSources {
  private static final Set<Reason> WAITING_FOR_A_MAPPING =
      Set.of(Reason.AccountMappingConflict, Reason.AccountNotMapped, Reason.AccountChanged);

  private final InformerEventSource<ImageBuilderAccount, ImageBuilderWorkflow> mappings;
  private final InformerEventSource<Namespace, ImageBuilderWorkflow> namespaces;
  private final boolean requireMapping;

  public AccountSources(EventSourceContext<ImageBuilderWorkflow> context, boolean requireMapping) {
    this.requireMapping = requireMapping;
    this.mappings =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    ImageBuilderAccount.class, ImageBuilderWorkflow.class)
                .withName("accounts")
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(
                    mapping ->
                        context
                            .getPrimaryCache()
                            .list()
                            .filter(w -> affected(w, mapping))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    this.namespaces =
        NamespaceLabels.informer(
            ImageBuilderWorkflow.class,
            context,
            namespace ->
                context
                    .getPrimaryCache()
                    .list(namespace.getMetadata().getName())
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()));
  }

  public List<EventSource<?, ImageBuilderWorkflow>> eventSources() {
    return List.of(mappings, namespaces);
  }

  /** Which account the resource may use now, from the informers' caches and its status. */
  public AccountDecision decide(ImageBuilderWorkflow resource) {
    String namespace = resource.getMetadata().getNamespace();
    AccountMappings.Resolution resolution =
        AccountMappings.resolve(
            mappings.list().toList(), namespace, labels(namespace), requireMapping);
    return AccountDecision.of(resolution, resource.getStatus(), namespace);
  }

  /**
   * The workflows a mapping's change may concern: those it selects, those that used a role (a
   * namespace it let go of), and those waiting for a mapping to change.
   */
  private boolean affected(ImageBuilderWorkflow workflow, ImageBuilderAccount mapping) {
    String namespace = workflow.getMetadata().getNamespace();
    ImageBuilderWorkflowStatus status = workflow.getStatus();
    if (AccountMappings.selects(mapping, namespace, labels(namespace))) {
      return true;
    }
    if (status == null) {
      return false;
    }
    return status.getRoleArn() != null
        || Conditions.find(status.getConditions(), Conditions.READY)
            .map(c -> WAITING_FOR_A_MAPPING.stream().anyMatch(r -> r.name().equals(c.getReason())))
            .orElse(false);
  }

  /** A namespace's labels; null when it is not in the cache. */
  private Map<String, String> labels(String namespace) {
    return namespaces.get(new ResourceID(namespace)).map(NamespaceLabels::of).orElse(null);
  }
}

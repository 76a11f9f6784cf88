package dev.gitops.imagebuilder.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.imagebuilder.api.ImageBuilderAccount;
import dev.gitops.imagebuilder.api.ImageBuilderAccountStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each mapping's status true: the namespaces it selects and its overlaps with other mappings
 * ({@link MappingStatus}). The only code that writes an {@link ImageBuilderAccount}, and only its
 * status. Any mapping's change, or a namespace's, can change every mapping's overlaps, so both send
 * every mapping back here (there are few).
 */
@ControllerConfiguration(name = AccountReconciler.NAME)
public class AccountReconciler implements Reconciler<ImageBuilderAccount> {
  public static final String NAME = "imagebuilderaccount";
  private static final Logger LOG = LoggerFactory.getLogger(AccountReconciler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private InformerEventSource<Namespace, ImageBuilderAccount> namespaces;
  private InformerEventSource<ImageBuilderAccount, ImageBuilderAccount> others;

  public AccountReconciler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ImageBuilderAccount>> prepareEventSources(
      EventSourceContext<ImageBuilderAccount> context) {
    namespaces =
        NamespaceLabels.informer(ImageBuilderAccount.class, context, namespace -> every(context));
    others =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    ImageBuilderAccount.class, ImageBuilderAccount.class)
                .withName("other-accounts")
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(mapping -> every(context))
                .build(),
            context);
    return List.of(namespaces, others);
  }

  private static Set<ResourceID> every(EventSourceContext<ImageBuilderAccount> context) {
    return context
        .getPrimaryCache()
        .list()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<ImageBuilderAccount> reconcile(
      ImageBuilderAccount mapping, Context<ImageBuilderAccount> context) {
    Map<String, Map<String, String>> labels = new HashMap<>();
    namespaces.list().forEach(n -> labels.put(n.getMetadata().getName(), NamespaceLabels.of(n)));
    // The other mappings as the informer that sent the event sees them (the primary cache may not
    // have seen a deletion yet), with this one as it is now.
    List<ImageBuilderAccount> all =
        Stream.concat(
                Stream.of(mapping),
                others
                    .list()
                    .filter(
                        o -> !o.getMetadata().getName().equals(mapping.getMetadata().getName())))
            .toList();
    ImageBuilderAccountStatus next =
        MappingStatus.of(mapping, all, labels, mapping.getStatus(), clock.instant());
    if (JSON.valueToTree(next).equals(JSON.valueToTree(mapping.getStatus()))) {
      return UpdateControl.noUpdate();
    }
    LOG.info(
        "account mapping {} role={} namespaces={} conflicts={}",
        mapping.getMetadata().getName(),
        mapping.getSpec().getRoleArn(),
        next.getNamespaces(),
        next.getConflicts() == null ? "-" : next.getConflicts());
    ImageBuilderAccount patch = new ImageBuilderAccount();
    patch.setMetadata(mapping.getMetadata());
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
  }
}

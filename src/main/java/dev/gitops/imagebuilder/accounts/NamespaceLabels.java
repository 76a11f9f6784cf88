package dev.gitops.imagebuilder.accounts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.Objects;

/**
 * The namespaces' labels, which mappings may select by: an informer on every namespace that reports
 * only a change of labels.
 */
final class NamespaceLabels {
  private NamespaceLabels() {}

  static <P extends HasMetadata> InformerEventSource<Namespace, P> informer(
      Class<P> primary, EventSourceContext<P> context, SecondaryToPrimaryMapper<Namespace> mapper) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Namespace.class, primary)
            .withName("namespaces")
            .withWatchAllNamespaces()
            .withFollowControllerNamespacesChanges(false)
            .withOnUpdateFilter(
                (now, before) ->
                    !Objects.equals(
                        now.getMetadata().getLabels(), before.getMetadata().getLabels()))
            .withSecondaryToPrimaryMapper(mapper)
            .build(),
        context);
  }

  static Map<String, String> of(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}

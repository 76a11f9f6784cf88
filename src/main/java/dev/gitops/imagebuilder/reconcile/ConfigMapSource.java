package dev.gitops.imagebuilder.reconcile;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Watches the ConfigMaps meant as workflow documents, those labelled {@value #LABEL}{@code =true}:
 * only they are cached, so the operator's memory does not grow with the cluster's other ConfigMaps.
 * A ConfigMap event reconciles every resource whose {@code spec.dataFrom.configMapKeyRef.name}
 * names it (found through an index on the primary cache, since ConfigMaps carry no owner references
 * to the resources).
 */
final class ConfigMapSource {
  static final String LABEL = "imagebuilder.gitops.dev/document";
  private static final String INDEX = "configMapRef";

  private final InformerEventSource<ConfigMap, ImageBuilderWorkflow> informer;
  private final KubernetesClient client;

  ConfigMapSource(EventSourceContext<ImageBuilderWorkflow> context) {
    this.client = context.getClient();
    context
        .getPrimaryCache()
        .addIndexer(
            INDEX,
            resource ->
                SpecValidator.configMapName(resource)
                    .map(name -> List.of(key(resource.getMetadata().getNamespace(), name)))
                    .orElse(List.of()));
    InformerEventSourceConfiguration<ConfigMap> configuration =
        InformerEventSourceConfiguration.from(ConfigMap.class, ImageBuilderWorkflow.class)
            .withSecondaryToPrimaryMapper(
                configMap ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            INDEX,
                            key(
                                configMap.getMetadata().getNamespace(),
                                configMap.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withLabelSelector(LABEL + "=true")
            .build();
    this.informer = new InformerEventSource<>(configuration, context);
  }

  InformerEventSource<ConfigMap, ImageBuilderWorkflow> eventSource() {
    return informer;
  }

  /**
   * The data of the ConfigMap a resource references, from the informer cache; empty when absent.
   */
  Optional<Map<String, String>> dataFor(ImageBuilderWorkflow resource) {
    return SpecValidator.configMapName(resource)
        .flatMap(name -> informer.get(new ResourceID(name, resource.getMetadata().getNamespace())))
        .map(
            configMap ->
                configMap.getData() == null ? Map.<String, String>of() : configMap.getData());
  }

  /**
   * Why a resource's ConfigMap is not in the cache when it exists without the label (one read, only
   * for a resource whose document is missing); empty when it does not exist at all.
   */
  Optional<String> unlabelled(ImageBuilderWorkflow resource) {
    String namespace = resource.getMetadata().getNamespace();
    return SpecValidator.configMapName(resource)
        .filter(name -> client.configMaps().inNamespace(namespace).withName(name).get() != null)
        .map(
            name ->
                "ConfigMap "
                    + namespace
                    + "/"
                    + name
                    + " exists but lacks the label "
                    + LABEL
                    + ": \"true\"; the operator reads only ConfigMaps with it (kustomize:"
                    + " configMapGenerator options.labels)");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}

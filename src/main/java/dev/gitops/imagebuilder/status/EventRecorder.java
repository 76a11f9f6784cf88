package dev.gitops.imagebuilder.status;

import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import dev.gitops.imagebuilder.aws.ContentHash;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits core/v1 Events on a resource (what {@code kubectl describe ibw} shows). The same event
 * (resource, type, reason, message) repeated is one Event whose count and lastTimestamp grow, as
 * client-go's recorder does; its name is the resource name cut to fit plus a hash of that identity,
 * so it stays a valid object name (at most 253 characters) for the longest resource names.
 *
 * <p>Reconciles of different resources record their events concurrently: only the memory of counts
 * is shared, and it is held for a lookup, never across a call to the API server. Two reconciles of
 * one resource never run at once, so an event name is never recorded twice at the same moment.
 */
public final class EventRecorder {
  static final String COMPONENT = "imagebuilder-workflow-operator";
  static final int MAX_NAME = 253;
  private static final int HASH = 16;
  private static final int REMEMBERED = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final Clock clock;

  /**
   * Counts of the events recorded lately, by event name; bounded, oldest forgotten first. Access
   * order makes every lookup a write, hence the lock.
   */
  private final Map<String, Integer> counts =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
              return size() > REMEMBERED;
            }
          });

  public EventRecorder(Clock clock) {
    this.clock = clock;
  }

  /** The Event's name: the resource name, cut to fit, and a hash of what makes events the same. */
  static String eventName(
      ImageBuilderWorkflow resource, boolean warning, Reason reason, String message) {
    String hash =
        ContentHash.sha256Hex(
                resource.getMetadata().getUid(), String.valueOf(warning), reason.name(), message)
            .substring(0, HASH);
    String prefix = resource.getMetadata().getName();
    if (prefix.length() > MAX_NAME - HASH - 1) {
      prefix = prefix.substring(0, MAX_NAME - HASH - 1).replaceAll("[^a-z0-9]+$", "");
    }
    return prefix + "." + hash;
  }

  public void record(
      KubernetesClient client,
      ImageBuilderWorkflow resource,
      boolean warning,
      Reason reason,
      String message) {
    String name = eventName(resource, warning, reason, message);
    String namespace = resource.getMetadata().getNamespace();
    String now = clock.instant().toString();
    try {
      Integer seen = counts.get(name);
      if (seen != null && repeated(client, namespace, name, seen + 1, now)) {
        counts.put(name, seen + 1);
        return;
      }
      try {
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .resource(event(resource, name, warning, reason, message, now))
            .create();
        counts.put(name, 1);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        // Recorded before this process remembered it (a restart): count it as one more.
        repeated(client, namespace, name, 2, now);
        counts.put(name, 2);
      }
    } catch (KubernetesClientException e) {
      // Events are advisory; the status already carries the same information.
      LOG.warn(
          "could not record event {} on {}/{}: {}",
          reason,
          namespace,
          resource.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Raises an existing Event's count; false when it is gone (Events expire). */
  private static boolean repeated(
      KubernetesClient client, String namespace, String name, int count, String now) {
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static Event event(
      ImageBuilderWorkflow resource,
      String name,
      boolean warning,
      Reason reason,
      String message,
      String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(resource.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(resource.getApiVersion())
        .withKind(resource.getKind())
        .withName(resource.getMetadata().getName())
        .withNamespace(resource.getMetadata().getNamespace())
        .withUid(resource.getMetadata().getUid())
        .endInvolvedObject()
        .withType(warning ? "Warning" : "Normal")
        .withReason(reason.name())
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .build();
  }
}

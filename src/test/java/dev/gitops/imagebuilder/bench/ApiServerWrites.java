package dev.gitops.imagebuilder.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write requests the kube-apiserver has served, from its own {@code /metrics} ({@code
 * apiserver_request_total} by verb, resource and subresource), keyed {@code resource} or {@code
 * resource/subresource}.
 */
record ApiServerWrites(Map<String, Long> byResource) {
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE");
  private static final Pattern SERIES =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  static ApiServerWrites read(KubernetesClient admin) {
    String text = admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    Map<String, Long> counts = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher series = SERIES.matcher(line);
      if (!series.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher label = LABEL.matcher(series.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      if (WRITE_VERBS.contains(labels.get("verb"))) {
        String sub = labels.getOrDefault("subresource", "");
        String key = labels.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
        counts.merge(key, (long) Double.parseDouble(series.group(2)), Long::sum);
      }
    }
    return new ApiServerWrites(counts);
  }

  /** Writes since {@code before}. */
  ApiServerWrites minus(ApiServerWrites before) {
    Map<String, Long> delta = new TreeMap<>();
    byResource.forEach(
        (k, v) -> {
          long d = v - before.byResource.getOrDefault(k, 0L);
          if (d != 0) {
            delta.put(k, d);
          }
        });
    return new ApiServerWrites(delta);
  }

  /** Writes to the workflow resources, their status and finalizer included. */
  long workflows() {
    return byResource.entrySet().stream()
        .filter(e -> e.getKey().startsWith("imagebuilderworkflows"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}

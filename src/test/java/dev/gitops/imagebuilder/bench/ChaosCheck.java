package dev.gitops.imagebuilder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.imagebuilder.api.ImageBuilderWorkflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What survived a fault, judged from the emulator's stored builds and the resources' last watched
 * state: builds beyond one per distinct content (duplicates), resources whose status does not name
 * a build with their current spec (lost updates), and resources that were Ready once but are not
 * now (a status that flipped back, e.g. on a transient error during a drift check).
 */
record ChaosCheck(
    int duplicates, int lostUpdates, int notReadyAtEnd, int builds, List<String> problems) {

  /**
   * {@code contentsPerResource}: how many distinct contents each resource's spec had; more builds
   * than that (or two builds of one content) are duplicates.
   */
  static ChaosCheck of(
      List<String> names, int contentsPerResource, WorkflowWatch watch, JsonNode builds) {
    Map<String, List<JsonNode>> byWorkflow = new HashMap<>();
    Map<String, JsonNode> byArn = new HashMap<>();
    builds.forEach(
        b -> {
          byWorkflow.computeIfAbsent(b.path("name").asText(), k -> new ArrayList<>()).add(b);
          byArn.put(b.path("arn").asText(), b);
        });
    int duplicates = 0;
    int lost = 0;
    int flipped = 0;
    int count = 0;
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      ImageBuilderWorkflow r = watch.get(name).orElse(null);
      if (r == null) {
        lost++;
        problems.add(name + ": never seen");
        continue;
      }
      List<JsonNode> own = byWorkflow.getOrDefault(r.getSpec().getName(), List.of());
      count += own.size();
      Set<String> contents = new HashSet<>();
      own.forEach(b -> contents.add(b.path("version").asText() + "\n" + b.path("data").asText()));
      int extra = Math.max(own.size() - contents.size(), own.size() - contentsPerResource);
      if (extra > 0) {
        duplicates += extra;
        problems.add(name + ": " + own.size() + " builds for " + contents.size() + " contents");
      }
      String arn = r.getStatus() == null ? null : r.getStatus().getWorkflowBuildVersionArn();
      JsonNode build = arn == null ? null : byArn.get(arn);
      boolean current =
          build != null
              && build.path("version").asText().equals(r.getSpec().getSemanticVersion())
              && build.path("data").asText().equals(r.getSpec().getData());
      if (!current) {
        lost++;
        problems.add(name + ": status does not name a build of the current spec (" + arn + ")");
      } else if (!WorkflowWatch.ready(r)) {
        flipped++;
        problems.add(
            name
                + ": no longer Ready ("
                + WorkflowWatch.condition(r, "Ready").map(c -> c.getReason()).orElse("no condition")
                + ")");
      }
    }
    return new ChaosCheck(
        duplicates,
        lost,
        flipped,
        count,
        List.copyOf(problems.subList(0, Math.min(10, problems.size()))));
  }
}

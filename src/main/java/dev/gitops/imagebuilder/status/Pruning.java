package dev.gitops.imagebuilder.status;

import java.util.List;

/**
 * One round of deleting owned builds (retention, or deletion of the resource).
 *
 * @param deleted builds deleted in this round
 * @param blocked builds Image Builder reported in use, kept and tried again later
 * @param failure why the round stopped early (an AWS failure other than "in use"), or null
 */
public record Pruning(List<String> deleted, List<String> blocked, String failure) {
  public static final Pruning NONE = new Pruning(List.of(), List.of(), null);

  public Pruning {
    deleted = List.copyOf(deleted);
    blocked = List.copyOf(blocked);
  }

  /** Whether the round did or found anything worth an event. */
  public boolean eventful() {
    return !deleted.isEmpty() || !blocked.isEmpty() || failure != null;
  }

  /** The event text: what was deleted, what is kept because it is in use, what failed. */
  String summary() {
    StringBuilder text = new StringBuilder();
    if (!deleted.isEmpty()) {
      text.append("deleted ").append(deleted.size()).append(" old build(s): ").append(deleted);
    }
    if (!blocked.isEmpty()) {
      text.append(text.isEmpty() ? "" : "; ")
          .append("kept ")
          .append(blocked.size())
          .append(" in use, tried again at the drift check interval: ")
          .append(blocked);
    }
    if (failure != null) {
      text.append(text.isEmpty() ? "" : "; ").append("stopped: ").append(failure);
    }
    return text.toString();
  }
}

package dev.gitops.imagebuilder.bench;

import java.util.List;

/**
 * One chaos scenario's result: how many resources, how many never became Ready, how many were Ready
 * once but not at the end, how many were ever Stalled, duplicate builds, lost updates, and the
 * seconds from the end of the fault (or the first apply, for faults that last the whole run) until
 * all were Ready.
 */
record ChaosOutcome(
    String scenario,
    int resources,
    int notReady,
    int notReadyAtEnd,
    long stalled,
    int duplicates,
    int lostUpdates,
    double recoverSeconds,
    String note,
    List<String> problems) {

  static final String HEADER =
      "| scenario | resources | never Ready | Ready, then not | Stalled | duplicates | lost updates | time to recover s | note |\n"
          + "|---|---|---|---|---|---|---|---|---|\n";

  static ChaosOutcome of(
      String scenario,
      int resources,
      int notReady,
      long stalled,
      ChaosCheck check,
      double recoverSeconds,
      String note) {
    return new ChaosOutcome(
        scenario,
        resources,
        notReady,
        check.notReadyAtEnd(),
        stalled,
        check.duplicates(),
        check.lostUpdates(),
        recoverSeconds,
        note,
        check.problems());
  }

  ChaosOutcome withNote(String newNote) {
    return new ChaosOutcome(
        scenario,
        resources,
        notReady,
        notReadyAtEnd,
        stalled,
        duplicates,
        lostUpdates,
        recoverSeconds,
        newNote,
        problems);
  }

  /** Every resource Ready, none Stalled, nothing wrong found (duplicates, lost updates, noise). */
  boolean passed() {
    return notReady == 0 && stalled == 0 && problems.isEmpty();
  }

  String row() {
    return String.format(
        "| %s | %d | %d | %d | %d | %d | %d | %.1f | %s |%n",
        scenario,
        resources,
        notReady,
        notReadyAtEnd,
        stalled,
        duplicates,
        lostUpdates,
        recoverSeconds,
        note);
  }
}

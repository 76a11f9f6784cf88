package dev.gitops.imagebuilder.bench;

import java.util.List;

/**
 * One chaos scenario's result: how many resources, how many did not end Ready or were ever Stalled,
 * duplicate builds, lost updates, and the seconds from the end of the fault (or the first apply,
 * for faults that last the whole run) until all were Ready.
 */
record ChaosOutcome(
    String scenario,
    int resources,
    int notReady,
    long stalled,
    int duplicates,
    int lostUpdates,
    double recoverSeconds,
    String note,
    List<String> problems) {

  static final String HEADER =
      "| scenario | resources | not Ready | Stalled | duplicates | lost updates | time to recover s | note |\n"
          + "|---|---|---|---|---|---|---|---|\n";

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
        stalled,
        duplicates,
        lostUpdates,
        recoverSeconds,
        newNote,
        problems);
  }

  boolean passed() {
    return notReady == 0 && stalled == 0 && duplicates == 0 && lostUpdates == 0;
  }

  String row() {
    return String.format(
        "| %s | %d | %d | %d | %d | %d | %.1f | %s |%n",
        scenario, resources, notReady, stalled, duplicates, lostUpdates, recoverSeconds, note);
  }
}

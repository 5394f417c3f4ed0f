package dev.rollcall.convergence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures behind the green ticks: per fault row, how long from "healed" to the required end.
 */
final class ConvergenceReport {
  private static final Map<String, String[]> ROWS =
      new TreeMap<>(
          java.util.Comparator.comparingInt(
                  (String id) -> Integer.parseInt(id.replaceFirst("^F(\\d+).*$", "$1")))
              .thenComparing(java.util.Comparator.naturalOrder()));
  private static final StringBuilder NOTES = new StringBuilder();

  private ConvergenceReport() {}

  static synchronized void row(
      String id, String fault, Duration healedToEnd, Duration bound, String end) {
    ROWS.put(
        id,
        new String[] {
          fault,
          String.format("%.2f s", healedToEnd.toMillis() / 1000.0),
          String.format("%.0f s", bound.toMillis() / 1000.0),
          end
        });
  }

  static synchronized void note(String text) {
    NOTES.append(text).append("\n");
  }

  static synchronized void write() {
    StringBuilder out =
        new StringBuilder("# Convergence report\n\n")
            .append("Written by the fault-matrix suite at ")
            .append(Instant.now())
            .append(". Registry heartbeat interval ")
            .append(RegistryProcess.HEARTBEAT_SECONDS)
            .append(" s, agent backoff cap ")
            .append(AgentProcess.BACKOFF_CAP_SECONDS)
            .append(" s (the design's guarantee: one interval plus one backoff cap, here ")
            .append(
                RegistryProcess.HEARTBEAT_SECONDS
                    + Integer.parseInt(AgentProcess.BACKOFF_CAP_SECONDS))
            .append(" s).\n\n")
            .append(
                "| row | fault | fault healed → required end | bound asserted | required end |\n|---|---|---|---|---|\n");
    ROWS.forEach(
        (id, r) ->
            out.append("| ")
                .append(id)
                .append(" | ")
                .append(r[0])
                .append(" | ")
                .append(r[1])
                .append(" | ")
                .append(r[2])
                .append(" | ")
                .append(r[3])
                .append(" |\n"));
    out.append("\n").append(NOTES);
    try {
      Path target = Path.of("target", "convergence-report.md");
      Files.createDirectories(target.getParent());
      Files.writeString(target, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.rollcall.convergence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A child process whose output is kept line by line (and echoed to a log), killable at will. */
class ManagedProcess implements AutoCloseable {
  private final String name;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private Process process;

  ManagedProcess(String name) {
    this.name = name;
  }

  void launch(List<String> command) {
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process own = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(own.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  output.add(line);
                }
              } catch (IOException e) {
                // process gone
              }
            },
            name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  boolean printed(String fragment) {
    return output.stream().anyMatch(l -> l.contains(fragment));
  }

  long count(String fragment) {
    return output.stream().filter(l -> l.contains(fragment)).count();
  }

  String output() {
    return String.join("\n", output);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no flush. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(20));
    }
  }

  /** SIGTERM: a clean stop. */
  void stop() {
    if (process != null && process.isAlive()) {
      // Through the handle: Process.destroy() would also close our end of its output pipe.
      process.toHandle().destroy();
      if (!waitFor(Duration.ofSeconds(20))) {
        kill();
      }
    }
  }

  boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    kill();
  }
}

package dev.rollcall.convergence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The runnable jar the build made (app/target/rollcall.jar): what users run, so what we test. */
final class RollcallJar {
  private RollcallJar() {}

  static Path path() {
    Path jar = Path.of("..", "app", "target", "rollcall.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: run `mvn -B verify` from the repository root "
              + "(the app module builds the jar before this module runs)");
    }
    return jar;
  }

  /** The command line: agents start quickly on C1 alone; the registry gets the full JIT. */
  static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    if (args.length > 0 && args[0].equals("agent")) {
      command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }
    command.addAll(List.of("-jar", path().toString()));
    command.addAll(List.of(args));
    return command;
  }
}

package dev.rollcall.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `rollcall` command: one jar that serves as the registry and as the runtime's sidecar. */
@Command(
    name = "rollcall",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A registry of AI-agent workspaces whose card and credential always converge.",
    subcommands = {ServeCommand.class, AgentCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0 || !ServeCommand.serving()) {
      System.exit(code);
    }
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version written into the jar's manifest by the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rollcall " + (version == null ? "(development build)" : version)};
    }
  }
}

package dev.sentio.cli;

import dev.sentio.SentioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sentio} command: subcommands for each job. */
@Command(name = "sentio", mixinStandardHelpOptions = true, versionProvider = SentioCli.Version.class,
        description = "Speech emotion recognition for the JVM.",
        subcommands = {PredictCommand.class, TimelineCommand.class, ListenCommand.class, TrainCommand.class, EvaluateCommand.class, FeaturesCommand.class,
                ExportCommand.class, ServeCommand.class, GateCommand.class,
                CommandLine.HelpCommand.class})
public final class SentioCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 partly failed or usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SentioCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SentioException) {
                commandLine.getErr().println("sentio: " + e.getMessage());
            } else {
                commandLine.getErr().println("sentio: internal error: " + e
                        + " (please report it; set SENTIO_DEBUG=1 for the stack trace)");
                if (System.getenv("SENTIO_DEBUG") != null) {
                    e.printStackTrace(commandLine.getErr());
                }
            }
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SentioCli.class.getPackage().getImplementationVersion();
            return new String[] {"sentio " + (v == null ? "development build" : v)};
        }
    }
}

package org.dossier.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar dossier.jar [command]}: serves the catalogue unless told to do something else. */
@Command(name = "dossier", mixinStandardHelpOptions = true, version = "Dossier 0.1",
        description = "A catalogue of archival documents.%nWithout a command, serves the catalogue.",
        subcommands = {ServeCommand.class, ImportCommand.class, UserCommand.class, ReindexCommand.class,
                GenerateCommand.class, BackupCommand.class, RestoreCommand.class, CopyCommand.class,
                RelinkCommand.class, SolrSetupCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        logTo(args);
        System.exit(run(args));
    }

    /**
     * Standard error for the log of every command but {@code serve}, beside their reports and
     * progress: what they print on standard output ({@code user list}'s accounts) is then all a
     * script reading it gets. Set before anything logs, when logback sets itself up
     * ({@link org.dossier.ops.LogSetup}).
     */
    private static void logTo(String[] args) {
        boolean serves = args.length == 0 || args[0].equals("serve");
        if (!serves && System.getProperty(org.dossier.ops.LogSetup.TARGET) == null) {
            System.setProperty(org.dossier.ops.LogSetup.TARGET, "System.err");
        }
    }

    /** Runs a command line and returns its exit status: 0 done, 1 failed, 2 not understood. */
    public static int run(String... args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        return commandLine(System::getenv).execute(effective);
    }

    /** The command line with its options' defaults from {@code environment} (the process's, but in tests). */
    static CommandLine commandLine(java.util.function.UnaryOperator<String> environment) {
        return new CommandLine(new Main())
                .setDefaultValueProvider(new EnvironmentDefaults(environment))
                .setParameterExceptionHandler((e, args) -> {
                    // As picocli says it, and where a bad value came from when the command line did not give it.
                    CommandLine failed = e.getCommandLine();
                    failed.getErr().println(e.getMessage() + fromTheEnvironment(e, args, environment));
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
                        failed.usage(failed.getErr(), failed.getColorScheme());
                    }
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (e instanceof Database.Unavailable) {
                        commandLine.getErr().println(e.getMessage());
                        return 1;
                    }
                    // What no command foresaw (a disk that fails, a service that does not answer): one
                    // line that says what failed, never a stack trace; the trace is logged at DEBUG.
                    String command = commandLine.getCommandSpec().qualifiedName();
                    org.slf4j.LoggerFactory.getLogger(Main.class).debug("{} failed", command, e);
                    commandLine.getErr().println(command + " failed, nothing more was done: " + describe(e));
                    return 1;
                });
    }

    /**
     * " (from the environment variable DOSSIER_PORT)" when the option whose value was refused was
     * not on the command line but in the environment: the operator did not type it.
     */
    private static String fromTheEnvironment(CommandLine.ParameterException e, String[] args,
                                             java.util.function.UnaryOperator<String> environment) {
        // picocli names the option in its message ("Invalid value for option '--port': ..."), also
        // for a default value, which it refuses without saying which ArgSpec it was.
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("option '(--[a-z0-9-]+)'")
                .matcher(String.valueOf(e.getMessage()));
        if (!named.find()) {
            return "";
        }
        String name = named.group(1);
        String variable = EnvironmentDefaults.variable(name);
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            return "";
        }
        for (String arg : args) {
            if (arg.equals(name) || arg.startsWith(name + "=")) {
                return "";
            }
        }
        return " (from the environment variable " + variable + ")";
    }

    /**
     * The same for a value the option's type took but the command's settings refused
     * ("--max-index-lag must be 0 or more changes, not -3"): the option named first in {@code message},
     * when {@code line} did not have it typed and took it from the environment.
     */
    static String fromTheEnvironment(String message, CommandLine line) {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("(--[a-z0-9-]+)").matcher(String.valueOf(message));
        if (!named.find()) {
            return "";
        }
        CommandLine.Model.OptionSpec option = line.getCommandSpec().findOption(named.group(1));
        CommandLine.IDefaultValueProvider environment = line.getDefaultValueProvider();
        if (option == null || environment == null || line.getParseResult().hasMatchedOption(option)) {
            return "";
        }
        try {
            return environment.defaultValue(option) == null ? ""
                    : " (from the environment variable " + EnvironmentDefaults.variable(option.longestName()) + ")";
        } catch (Exception e) {
            return "";
        }
    }


    /** A failure on one line: its message, and its innermost cause when that says more. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e || e.getMessage() == null || e.getMessage().contains(String.valueOf(root.getMessage()))
                ? String.valueOf(root) : e.getMessage() + " (" + root + ")";
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void run() {
        // "dossier" with options but no command: show what there is.
        new CommandLine(this).usage(System.out);
    }
}

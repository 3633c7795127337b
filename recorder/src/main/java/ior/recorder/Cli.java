package ior.recorder;

import ior.format.TraceFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shared picocli set-up for both entry points (the full `ior` and the standalone recorder jar):
 * expected failures print one "ior: ..." line and exit with their code; --verbose (or
 * IOR_DEBUG=1) adds the stack trace.
 */
public final class Cli {
    private Cli() {}

    /**
     * Called first by both entry points, before picocli builds its model: `record` starts its
     * option-free start-up work on another thread meanwhile (Recorder.warmUp).
     */
    public static void prepare(String[] args) {
        if (args.length > 0 && args[0].equals("record")) Recorder.warmUp();
    }

    /**
     * The command line for args: top with the one subcommand args[0] names, or with all of them.
     * picocli reflects over every option of every subcommand it is given before it parses
     * anything, so a run that names one gets only that one; --help, help, an unknown name or
     * none get them all (in the map's order, the order --help lists them).
     */
    public static CommandLine commandLine(Object top, Map<String, Supplier<Object>> subcommands, String[] args) {
        CommandLine cl = new CommandLine(top);
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? subcommands.get(args[0]) : null;
        if (named != null) cl.addSubcommand(named.get());
        else subcommands.values().forEach(s -> cl.addSubcommand(s.get()));
        return cl;
    }

    public static int execute(CommandLine cl, String[] args) {
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr(), verbose(args)));
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ior: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    static boolean verbose(String[] args) {
        if ("1".equals(System.getenv("IOR_DEBUG"))) return true;
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("-v") || a.equals("--verbose")) return true;
        }
        return false;
    }

    public static int handle(Throwable ex, PrintWriter err, boolean verbose) {
        int code;
        String msg;
        if (ex instanceof UserException u) {
            code = u.exitCode();
            msg = u.getMessage();
        } else if (ex instanceof TraceFormatException t) {
            code = ExitCodes.BAD_INPUT;
            msg = t.getMessage();
        } else if (ex instanceof IOException io) {
            code = ExitCodes.BAD_INPUT;
            msg = io.getClass().getSimpleName().replace("Exception", "") + ": " + io.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            msg = "internal error: " + ex + (verbose ? "" : " (run with --verbose for details, and please report it)");
        }
        err.println("ior: " + msg);
        if (verbose || code == ExitCodes.FAILURE && "1".equals(System.getenv("IOR_DEBUG"))) ex.printStackTrace(err);
        err.flush();
        return code;
    }
}

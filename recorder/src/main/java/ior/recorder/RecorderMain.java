package ior.recorder;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Entry point of the standalone recorder jar (recorder/target/ior-recorder-*-standalone.jar):
 * record and info only, nothing from the analyzer, for copying to production hosts.
 * {@code java --enable-native-access=ALL-UNNAMED -jar ior-recorder.jar record -o x.iortrace -d 10s}
 */
@Command(name = "ior", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "ior recorder: capture syscalls into a trace file for offline analysis.")
public final class RecorderMain {
    /** The subcommands, in the order --help lists them; a run gets only the one it names (Cli.commandLine). */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("record", RecordCommand::new);
        m.put("info", InfoCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        Cli.prepare(args);
        System.exit(Cli.execute(Cli.commandLine(new RecorderMain(), SUBCOMMANDS, args), args));
    }
}

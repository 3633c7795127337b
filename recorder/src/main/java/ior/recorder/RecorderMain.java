package ior.recorder;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the standalone recorder jar (recorder/target/ior-recorder-*-standalone.jar):
 * record and info only, nothing from the analyzer, for copying to production hosts.
 * {@code java --enable-native-access=ALL-UNNAMED -jar ior-recorder.jar record -o x.iortrace -d 10s}
 */
@Command(name = "ior", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "ior recorder: capture syscalls into a trace file for offline analysis.",
        subcommands = {RecordCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class RecorderMain {
    public static void main(String[] args) {
        System.exit(Cli.execute(new CommandLine(new RecorderMain()), args));
    }
}

package ior.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The top-level command gets only the subcommand a run names (picocli reflects over each it is given). */
class IorCommandLineTest {
    @Test
    void everySubcommandIsListedUnderItsOwnName() {
        Ior.SUBCOMMANDS.forEach((name, make) -> assertEquals(name, new CommandLine(make.get()).getCommandName()));
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine cl = Ior.commandLine(new String[]{"query", "-e", "SELECT 1", "t.iortrace"});
        assertEquals(List.of("query"), new ArrayList<>(cl.getSubcommands().keySet()));
        assertEquals(List.of("record"), new ArrayList<>(Ior.commandLine(new String[]{"record", "-d", "1s"}).getSubcommands().keySet()));
    }

    @Test
    void helpAnUnknownNameOrNoneBuildThemAllInOrder() {
        List<String> all = new ArrayList<>(Ior.SUBCOMMANDS.keySet());
        for (String[] args : List.of(new String[]{}, new String[]{"--help"}, new String[]{"help", "query"}, new String[]{"quer"}, new String[]{"-V"}))
            assertEquals(all, new ArrayList<>(Ior.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
    }
}

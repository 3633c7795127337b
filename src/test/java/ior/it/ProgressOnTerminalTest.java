package ior.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest's progress bar: on stderr when it is a terminal (a real pty, from script(1)), never into a pipe. */
class ProgressOnTerminalTest {
    @TempDir
    Path tmp;

    @Test
    void progressShowsOnATerminalAndNotInAPipe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "SKIPPED LOUDLY: script(1) (util-linux) not installed");
        Path trace = Files.copy(IorRun.root().resolve("samples/pgbench.iortrace"), tmp.resolve("pgbench.iortrace"));
        List<String> cmd = new ArrayList<>(IorRun.javaCommand());
        cmd.addAll(List.of("query", "--rebuild", trace.toString(), "-e", "SELECT 42"));
        StringBuilder sh = new StringBuilder();
        for (String c : cmd) sh.append(sh.isEmpty() ? "" : " ").append('\'').append(c.replace("'", "'\\''")).append('\'');
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", sh.toString(), "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String onTty = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), onTty);
        assertTrue(onTty.contains("ior: reading pgbench.iortrace ["), "a progress bar on the terminal:\n" + onTty);
        assertTrue(onTty.contains("42"), onTty);

        IorRun.Result piped = IorRun.run("query", "--rebuild", trace.toString(), "-e", "SELECT 42");
        assertEquals(0, piped.exit(), piped.toString());
        assertFalse(piped.err().contains("ior: reading"), "no progress into a pipe or file:\n" + piped.err());
    }
}

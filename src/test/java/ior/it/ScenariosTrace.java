package ior.it;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The workload's "scenarios" run (files, directories, sockets, pipes, sleeps), recorded into a
 * fresh temp directory: the fixture of the chart and flame graph tests. pid is the workload's.
 */
record ScenariosTrace(Path base, Path dir, Path trace, int pid) {
    static ScenariosTrace record(String prefix) throws Exception {
        IorRun.assumeCanRecord();
        Path base = Files.createTempDirectory(prefix);
        Path dir = Files.createDirectory(base.resolve("w"));
        Path trace = base.resolve("t.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "scenarios", dir.toString());
        assertEquals(0, r.exit(), r.toString());
        int pid = Integer.parseInt(r.out().lines().filter(l -> l.startsWith("done ")).findFirst().orElseThrow().substring(5).trim());
        return new ScenariosTrace(base, dir, trace, pid);
    }

    /** Removes base and all in it. rm, not Files.walk: a test may add a name that is not valid UTF-8, which Java cannot name. */
    static void delete(Path base) throws Exception {
        if (base != null) new ProcessBuilder("rm", "-rf", "--", base.toString()).inheritIO().start().waitFor();
    }
}

package ior.it;

import ior.format.TraceFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Recording onto a full filesystem stops cleanly, says so in one line, and keeps a readable file. */
class DiskFullTest {
    @Test
    void fullDiskStopsWithAValidFile() throws Exception {
        IorRun.assumeCanRecord();
        Path mnt = Files.createTempDirectory("ior-full");
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt.toString()).inheritIO().start();
        assertEquals(0, m.waitFor(), "mount a 3 MiB tmpfs");
        try {
            Path trace = mnt.resolve("full.iortrace");
            IorRun.Result r = IorRun.run("record", "-q", "--no-snapshot", "-o", trace.toString(), "--", IorRun.workload().toString(), "getppid", "300000");
            assertEquals(5, r.exit(), r.toString());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("ior: disk full")).count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            DecodedTrace t = DecodedTrace.read(trace);
            assertEquals(-1, t.summary.tornAt, "the file ends at its last whole block");
            assertTrue(t.summary.chunks > 0);
            assertTrue(t.calls.size() > 10_000, "what fitted is readable: " + t.calls.size());
            if (t.summary.hasTrailer) assertEquals(TraceFormat.STOP_DISK_FULL, t.summary.stopReason, "trailer says why it ended");
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor();
            Files.deleteIfExists(mnt);
        }
    }
}

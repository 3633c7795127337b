package ior.it;

import ior.format.TraceFormat;
import ior.format.TraceFormatException;
import ior.format.TraceReader;
import ior.format.TraceSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recorder under faults: killed at random moments, its file cut at every byte, stopped by
 * every signal a user sends or by the death of the command, and a long rotating run. Each file
 * stays readable up to its last whole block, and no BPF program, link or map of the recorder is
 * left in the kernel.
 */
class RecorderFaultsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void canRecord() {
        IorRun.assumeCanRecord();
    }

    String wl() {
        return IorRun.workload().toString();
    }

    /** The BPF objects a process holds: "prog_id", "map_id" and "link_id" lines of its fds' fdinfo. */
    static Set<String> bpfObjects(long pid) {
        Set<String> ids = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fdinfo"))) {
            for (Path f : fds.toList()) {
                try {
                    for (String line : Files.readAllLines(f)) {
                        for (String key : List.of("prog_id", "map_id", "link_id"))
                            if (line.startsWith(key + ":")) ids.add(key.substring(0, key.indexOf('_')) + " " + line.substring(key.length() + 1).strip());
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd closed while listing
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return ids;
    }

    /**
     * Which of the given BPF objects still exist in the kernel (bpftool prog/map/link show id N),
     * after the kernel has had up to 20 s to free them: it releases programs after an RCU grace
     * period, so they outlive the process by a moment.
     */
    static List<String> stillLoaded(Set<String> objects) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        List<String> alive = loadedNow(objects);
        while (!alive.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
            alive = loadedNow(objects);
        }
        return alive;
    }

    static List<String> loadedNow(Set<String> objects) throws Exception {
        List<String> alive = new ArrayList<>();
        for (String o : objects) {
            String[] kv = o.split(" ");
            Process p = new ProcessBuilder("bpftool", kv[0], "show", "id", kv[1]).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) alive.add(o);
        }
        return alive;
    }

    /** Starts a recording of a long workload and waits until it records; returns its BPF objects. */
    record Running(Process rec, Path trace, Path log, Set<String> bpf) {}

    Running startLong(String name) throws Exception {
        Path trace = dir.resolve(name + ".iortrace");
        Path log = dir.resolve(name + ".log");
        // a test run under nohup passes SIGHUP on ignored, one in a non-interactive shell's
        // background SIGINT (and ior rightly keeps them so): reset them
        Process rec = IorRun.builder(List.of("env", "--default-signal=HUP,INT"), "record", "-q", "-v", "-o", trace.toString(), "--", wl(), "getppid", "400000000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RecorderBehaviourTest.awaitAttached(log, rec);
        Set<String> bpf = bpfObjects(rec.pid());
        assertTrue(bpf.stream().filter(o -> o.startsWith("prog ")).count() >= 6, "the recorder holds its programs: " + bpf);
        assertTrue(bpf.stream().anyMatch(o -> o.startsWith("map ")), bpf.toString());
        return new Running(rec, trace, log, bpf);
    }

    static void kill(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    @Test
    void everyStopSignalFinishesTheFileAndDetaches() throws Exception {
        for (String[] sig : new String[][]{{"INT", "130"}, {"TERM", "143"}, {"HUP", "129"}}) {
            Running r = startLong("sig-" + sig[0]);
            List<ProcessHandle> workload = r.rec().toHandle().descendants().toList();
            kill(r.rec().pid(), sig[0]);
            assertTrue(r.rec().waitFor(60, TimeUnit.SECONDS), sig[0] + ": recorder stopped");
            // the command keeps running untraced (docs/exit-codes.md): ior leaves with 128 + the signal
            assertEquals(Integer.parseInt(sig[1]), r.rec().exitValue(), sig[0] + ": " + Files.readString(r.log()));
            workload.forEach(ProcessHandle::destroyForcibly);
            assertEquals(List.of(), stillLoaded(r.bpf()), sig[0] + ": nothing of the recorder left in the kernel");
            DecodedTrace t = DecodedTrace.read(r.trace());
            assertTrue(t.summary.hasTrailer, sig[0] + ": finished file");
            assertEquals(TraceFormat.STOP_SIGNAL, t.summary.stopReason);
            assertEquals(-1, t.summary.tornAt);
        }
    }

    @Test
    void deathOfTheCommandFinishesTheFileAndDetaches() throws Exception {
        Path trace = dir.resolve("died.iortrace");
        Path log = dir.resolve("died.log");
        // the command is killed by a signal mid-recording
        Process rec = IorRun.builder(List.of(), "record", "-q", "-v", "-o", trace.toString(), "--", "sh", "-c",
                wl() + " getppid 100000 >/dev/null; sleep 2; kill -9 $$").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RecorderBehaviourTest.awaitAttached(log, rec);
        Set<String> bpf = bpfObjects(rec.pid());
        assertFalse(bpf.isEmpty());
        assertTrue(rec.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, rec.exitValue(), "the command's own status: killed by SIGKILL. " + Files.readString(log));
        assertEquals(List.of(), stillLoaded(bpf));
        DecodedTrace t = DecodedTrace.read(trace);
        assertTrue(t.summary.hasTrailer);
        assertEquals(TraceFormat.STOP_COMMAND, t.summary.stopReason);
    }

    /**
     * SIGKILL at random moments: 3 during start-up, 20 at a random time (up to 1.5 s) into the
     * recording. Every file that exists is either readable, losing at most the block being
     * written, or (killed before its header was whole) refused with one line; nothing of the
     * recorder stays loaded in the kernel.
     */
    @Test
    void sigkillAtRandomMomentsKeepsEveryFileReadable() throws Exception {
        long seed = Long.getLong("ior.test.seed", 20261202L);
        Random rnd = new Random(seed);
        int readable = 0, withChunks = 0, kills = 0;
        long lostBytesMax = 0;
        for (int i = 0; i < 23; i++) {
            boolean startup = i < 3;
            Path trace = dir.resolve("k" + i + ".iortrace");
            Path log = dir.resolve("k" + i + ".log");
            Process rec = IorRun.builder(List.of(), "record", "-q", "-v", "-o", trace.toString(), "--", wl(), "getppid", "400000000")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!startup) RecorderBehaviourTest.awaitAttached(log, rec);
            long delayMs = startup ? rnd.nextInt(3000) : rnd.nextInt(1500);
            Set<String> bpf = new HashSet<>(bpfObjects(rec.pid()));
            long until = System.nanoTime() + delayMs * 1_000_000;
            while (System.nanoTime() < until && rec.isAlive()) {
                bpf.addAll(bpfObjects(rec.pid()));
                Thread.sleep(20);
            }
            List<ProcessHandle> workload = rec.toHandle().descendants().toList();
            kill(rec.pid(), "KILL");
            kills++;
            assertTrue(rec.waitFor(30, TimeUnit.SECONDS));
            workload.forEach(ProcessHandle::destroyForcibly);
            String what = "kill " + i + (startup ? " in start-up" : " recording") + " after " + delayMs + " ms (seed " + seed + ")";
            assertEquals(List.of(), stillLoaded(bpf), what + ": the kernel freed the recorder's BPF objects");
            if (startup && !Files.exists(trace)) continue; // killed before it created the file
            assertTrue(Files.exists(trace), what);
            try (TraceReader r = TraceReader.open(trace)) {
                TraceSummary s = TraceSummary.of(r);
                readable++;
                if (s.chunks > 0) withChunks++;
                assertFalse(s.hasTrailer, what);
                if (s.tornAt >= 0) {
                    lostBytesMax = Math.max(lostBytesMax, s.fileSize - s.tornAt);
                    assertTrue(s.fileSize - s.tornAt <= TraceFormat.BLOCK_HEADER_SIZE + TraceFormat.CHUNK_HEADER_SIZE + (1 << 20),
                            what + ": at most the last block is lost (torn at " + s.tornAt + " of " + s.fileSize + ")");
                }
            } catch (TraceFormatException e) {
                assertTrue(startup, what + ": a recording that had started must be readable: " + e.getMessage());
                IorRun.Result info = IorRun.run("info", trace.toString());
                assertEquals(6, info.exit(), info.toString());
                assertEquals(1, info.err().strip().lines().count(), info.err());
            }
        }
        assertTrue(readable >= 20, "every kill after the start is readable: " + readable);
        System.err.println("sigkill: " + kills + " kills, " + readable + " files readable, " + withChunks + " with chunks, largest torn tail "
                + lostBytesMax + " bytes (seed " + seed + ")");
    }

    /**
     * A real small trace cut at every byte offset, as a power loss may leave it: before the end
     * of the header block it is refused as unreadable; from there on it reads, with exactly the
     * records of the chunks that ended before the cut, and names the cut as the torn tail.
     */
    @Test
    void truncationAtEveryByteKeepsEveryWholeBlock() throws Exception {
        Path trace = dir.resolve("small.iortrace");
        // bursts with pauses between them: several chunks, and a loss block every second
        IorRun.Result rec = IorRun.run("record", "-q", "-o", trace.toString(), "--", "sh", "-c",
                "for i in 1 2 3 4 5 6; do " + wl() + " open 40 /etc/hostname >/dev/null; sleep 0.25; done");
        assertEquals(0, rec.exit(), rec.toString());
        byte[] whole = Files.readAllBytes(trace);
        // every block's offset, where its body ends, and the records up to and including it
        List<long[]> blocks = new ArrayList<>();
        try (TraceReader r = TraceReader.open(trace)) {
            long[] records = {0};
            r.forEachBlock((type, seq, offset, body) -> {
                if (type == TraceFormat.BLOCK_CHUNK) records[0] += body.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 16);
                blocks.add(new long[]{offset, offset + TraceFormat.BLOCK_HEADER_SIZE + body.byteSize(), records[0]});
            });
        }
        assertTrue(blocks.size() >= 8, "header, snapshot, several chunks and loss blocks, trailer: " + blocks.size());
        for (int cut = 0; cut <= whole.length; cut++) {
            MemorySegment seg = MemorySegment.ofArray(whole).asSlice(0, cut);
            if (cut < blocks.getFirst()[1]) {
                final int c = cut;
                assertThrows(TraceFormatException.class, () -> TraceReader.of(Path.of("cut"), seg).close(), "cut at " + c);
                continue;
            }
            // a block is whole when its body is (a missing final padding is tolerated, format.md 4)
            long expectRecords = 0, torn = -1;
            for (long[] b : blocks) {
                if (b[1] <= cut) expectRecords = b[2];
                else {
                    if (cut > b[0]) torn = b[0]; // cut inside this block; exactly at its start is a clean end
                    break;
                }
            }
            try (TraceReader r = TraceReader.of(Path.of("cut"), seg)) {
                TraceSummary s = TraceSummary.of(r);
                assertEquals(expectRecords, s.records, "records kept when cut at " + cut);
                assertEquals(0, s.malformedRecords, "cut at " + cut);
                assertEquals(torn, s.tornAt, "torn tail named at the block being written, cut at " + cut);
            }
        }
        System.err.println("truncation: " + (whole.length + 1) + " cuts of a " + whole.length + "-byte trace with " + blocks.size() + " blocks");
    }

    /** --max-size with --rotate over a long run: every file of the ring within its size plus one chunk. */
    @Test
    void rotationHoldsTheSizeOverALongRun() throws Exception {
        Path trace = dir.resolve("long.iortrace");
        IorRun.Result r = IorRun.run(List.of(), 300, "record", "-q", "--no-snapshot", "--max-size", "2M", "--rotate", "4", "-o", trace.toString(),
                "--", wl(), "getppid", "4000000");
        assertEquals(0, r.exit(), r.toString());
        long limit = (2 << 20) + TraceFormat.BLOCK_HEADER_SIZE + TraceFormat.CHUNK_HEADER_SIZE + (1 << 20) + (64 << 10);
        List<Path> ring = List.of(trace, dir.resolve("long.1.iortrace"), dir.resolve("long.2.iortrace"), dir.resolve("long.3.iortrace"));
        long max = 0;
        for (Path f : ring) {
            assertTrue(Files.exists(f), f.toString());
            long size = Files.size(f);
            max = Math.max(max, size);
            assertTrue(size <= limit, f + ": " + size + " bytes, more than --max-size plus one chunk");
            DecodedTrace t = DecodedTrace.read(f);
            assertTrue(t.summary.hasTrailer && t.summary.tornAt == -1, f.toString());
        }
        assertFalse(Files.exists(dir.resolve("long.4.iortrace")));
        System.err.println("rotation: 4 files, largest " + max + " bytes for --max-size 2M");
    }
}

package ior.format;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.Map;

import static ior.format.TraceFormat.*;

/**
 * One pass over a trace for `ior info`: counts by block and record type, the time span, the
 * processes seen, losses and how the recording ended. Reads only the trace, never the host.
 */
public final class TraceSummary {
    public Map<String, String> header;
    public int minorVersion;
    public long fileSize;
    public long blocks, chunks, lossBlocks, unknownBlocks;
    public long records, ringBytes;
    public final long[] byType = new long[8];
    public long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;
    public final BitSet pids = new BitSet();
    public Snapshot snapshot;
    /** Latest cumulative loss counters, summed over CPUs (Records.STAT_*). */
    public long[] lost = new long[Records.STAT_COUNT];
    public boolean hasTrailer;
    public int stopReason = -1;
    public long tornAt = -1;
    public String tornReason;
    public long malformedRecords;
    public int files = 1;

    public static TraceSummary of(TraceReader r) throws IOException {
        TraceSummary s = new TraceSummary();
        s.header = r.header();
        s.minorVersion = r.minorVersion();
        s.fileSize = r.fileSize();
        RecordCursor c = new RecordCursor();
        r.forEachBlock((type, seq, offset, body) -> {
            s.blocks++;
            switch (type) {
                case BLOCK_CHUNK -> {
                    s.chunks++;
                    s.ringBytes += body.byteSize() - CHUNK_HEADER_SIZE;
                    c.wrap(body);
                    while (c.next()) {
                        s.records++;
                        int t = c.type();
                        if (t < s.byType.length) s.byType[t]++;
                        long ts = c.ts();
                        if (ts < s.firstTs) s.firstTs = ts;
                        if (ts > s.lastTs) s.lastTs = ts;
                        if (t == Records.SYS_CALL && c.callExitTs() > s.lastTs) s.lastTs = c.callExitTs();
                        if (t == Records.SYS_ENTER || t == Records.SYS_CALL) s.sawPid(c.enterPid());
                        else if (t == Records.PROC_FORK) s.sawPid(c.u32(Records.FORK_CHILD_PID));
                        else if (t == Records.PROC_EXEC) s.sawPid(c.u32(Records.EXEC_PID));
                    }
                    s.malformedRecords += c.malformed();
                }
                case BLOCK_SNAPSHOT -> {
                    if (s.snapshot == null) {
                        s.snapshot = Snapshot.decode(body);
                        for (Snapshot.Process p : s.snapshot.processes()) s.sawPid(p.pid());
                    }
                }
                case BLOCK_LOSS -> {
                    s.lossBlocks++;
                    if (body.byteSize() >= 16) {
                        int ncpu = body.get(ValueLayout.JAVA_INT_UNALIGNED, 8);
                        int ncounters = body.get(ValueLayout.JAVA_INT_UNALIGNED, 12);
                        if (ncpu >= 0 && ncounters >= 0 && ncpu <= 65536 && ncounters <= 64 && 16L + 8L * ncpu * ncounters <= body.byteSize()) {
                            long[] sums = new long[Records.STAT_COUNT];
                            for (int k = 0; k < Math.min(ncounters, sums.length); k++)
                                for (int cpu = 0; cpu < ncpu; cpu++)
                                    sums[k] += body.get(ValueLayout.JAVA_LONG_UNALIGNED, 16 + 8L * ((long) k * ncpu + cpu));
                            s.lost = sums;
                        }
                    }
                }
                case BLOCK_TRAILER -> {
                    s.hasTrailer = true;
                    if (body.byteSize() >= 44) s.stopReason = body.get(ValueLayout.JAVA_INT_UNALIGNED, 40);
                }
                case BLOCK_HEADER -> { }
                default -> s.unknownBlocks++;
            }
        });
        s.tornAt = r.tornAt();
        s.tornReason = r.tornReason();
        return s;
    }

    /** Pids outside what a kernel can hand out come only from a damaged file: they are not counted (nor allocated for). */
    private void sawPid(int pid) {
        if (pid > 0 && pid <= Records.PID_MAX) pids.set(pid);
    }

    public long lostEvents() {
        return Records.lostRecords(lost);
    }

    public long durationNs() {
        return lastTs >= firstTs ? lastTs - firstTs : 0;
    }

}

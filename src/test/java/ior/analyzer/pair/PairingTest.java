package ior.analyzer.pair;

import ior.format.RecordCursor;
import ior.format.Records;
import ior.format.TraceFormat;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every pairing case, on synthetic record streams laid out exactly as the BPF programs write them. */
class PairingTest {
    static final SyscallTable T = SyscallTable.x86_64();
    static final int READ = T.byName("read").nr(), WRITE = T.byName("write").nr(), EXIT_GROUP = T.byName("exit_group").nr(),
            EXECVE = T.byName("execve").nr(), CLONE = T.byName("clone").nr(), RT_SIGRETURN = T.byName("rt_sigreturn").nr();

    /** A chunk body under construction: chunk header, then records with ring-buffer headers. */
    static final class Stream {
        final ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Stream() {
            b.position(TraceFormat.CHUNK_HEADER_SIZE);
        }

        Stream enter(long ts, int pid, int tid, int nr, long... args) {
            int len = 24 + 8 * args.length;
            b.putInt(len).putInt(0);
            b.putLong(ts).putInt(tid).putShort((short) Records.SYS_ENTER).putShort((short) nr);
            b.putInt(pid).put((byte) args.length).put((byte) 0).putShort((short) 0);
            for (long a : args) b.putLong(a);
            return this;
        }

        Stream exit(long ts, int tid, int nr, long ret) {
            b.putInt(24).putInt(0);
            b.putLong(ts).putInt(tid).putShort((short) Records.SYS_EXIT).putShort((short) nr).putLong(ret);
            return this;
        }

        /** A whole call as ior_sys_call: enter ts, latency, ret, args. */
        Stream call(long ts, int pid, int tid, int nr, int latency, long ret, long... args) {
            b.putInt(32 + 8 * args.length).putInt(0);
            b.putLong(ts).putInt(tid).putShort((short) Records.SYS_CALL).putShort((short) nr);
            b.putInt(pid).putInt(latency).putLong(ret);
            for (long a : args) b.putLong(a);
            return this;
        }

        MemorySegment segment(Arena a) {
            MemorySegment s = a.allocate(b.position(), 8);
            s.copyFrom(MemorySegment.ofArray(java.util.Arrays.copyOf(b.array(), b.position())));
            return s;
        }
    }

    record Row(long seq, int tid, int nr, Long ret, Long latency, long gap) {}

    /** Feeds the stream to a Pairing; each record's seq is its index. Returns rows and the engine. */
    static List<Row> pair(Stream s, Pairing[] out, java.util.function.Consumer<Pairing> atEnd) {
        List<Row> rows = new ArrayList<>();
        Pairing p = new Pairing(T, (call, gap) -> rows.add(new Row(call.seq(), call.tid(), call.nr(),
                call.hasRet() ? call.ret() : null, call.hasRet() ? call.exitTs() - call.enterTs() : null, gap)));
        try (Arena a = Arena.ofConfined()) {
            RecordCursor c = new RecordCursor().wrap(s.segment(a));
            long seq = 0;
            while (c.next()) {
                if (c.type() == Records.SYS_ENTER) p.enter(c, seq);
                else if (c.type() == Records.SYS_CALL) p.call(c, seq);
                else p.exit(c);
                seq++;
            }
            if (atEnd != null) atEnd.accept(p);
            p.finish();
        }
        out[0] = p;
        return rows;
    }

    @Test
    void latencyAndGapPerThread() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream()
                .enter(100, 1, 1, READ, 3, 0, 10).enter(105, 1, 2, WRITE, 4, 0, 5)
                .exit(130, 1, READ, 10).exit(140, 2, WRITE, 5)
                .enter(200, 1, 1, READ, 3, 0, 10).exit(260, 1, READ, 0), p, null);
        assertEquals(List.of(
                new Row(0, 1, READ, 10L, 30L, 0),     // first call of thread 1: gap 0
                new Row(1, 2, WRITE, 5L, 35L, 0),
                new Row(4, 1, READ, 0L, 60L, 70)),    // 200 - 130
                rows);
        assertEquals(3, p[0].paired);
        assertEquals(0, p[0].exitsWithoutEnter + p[0].lostExits + p[0].mismatchedExits + p[0].entersWithoutExit);
    }

    @Test
    void wholeCallsAreRowsWithTheirOwnLatencyAndTheThreadsGap() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = new ArrayList<>();
        Pairing q = new Pairing(T, (call, gap) -> {
            rows.add(new Row(call.seq(), call.tid(), call.nr(), call.ret(), call.exitTs() - call.enterTs(), gap));
            assertEquals(3, call.nargs());
            assertEquals(4L, call.arg(0));
            assertEquals(1234, call.pid());
            assertEquals(-1, call.str(1), "a whole call carries no strings");
            assertEquals(-1, call.out(1), "nor structs");
        });
        try (Arena a = Arena.ofConfined()) {
            RecordCursor c = new RecordCursor().wrap(new Stream()
                    .call(100, 1234, 7, READ, 30, 10, 4, 0, 10)
                    .enter(140, 1234, 7, WRITE, 4, 0, 5).exit(150, 7, WRITE, 5)     // a call written in two records
                    .call(0xFFFF_0000L, 1234, 7, READ, -1, 0, 4, 0, 10)            // latency 2^32 - 1 ns: unsigned
                    .segment(a));
            long seq = 0;
            while (c.next()) {
                switch (c.type()) {
                    case Records.SYS_ENTER -> q.enter(c, seq);
                    case Records.SYS_CALL -> q.call(c, seq);
                    default -> q.exit(c);
                }
                seq++;
            }
            q.finish();
        }
        assertEquals(List.of(
                new Row(0, 7, READ, 10L, 30L, 0),
                new Row(1, 7, WRITE, 5L, 10L, 10),                       // 140 - (100 + 30)
                new Row(3, 7, READ, 0L, 0xFFFF_FFFFL, 0xFFFF_0000L - 150)),
                rows);
        assertEquals(3, q.paired);
        assertEquals(0, q.exitsWithoutEnter + q.lostExits + q.mismatchedExits + q.entersWithoutExit);
        assertNotNull(p);
    }

    @Test
    void aWholeCallAfterAnEnterMeansThatEntersExitWasLost() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 1, 1, WRITE, 1, 0, 1).call(20, 1, 1, READ, 5, 1, 0, 0, 1), p, null);
        assertEquals(2, rows.size());
        assertNull(rows.get(0).ret(), "the write's exit was lost: a row without ret");
        assertEquals(1L, rows.get(1).ret());
        assertEquals(1, p[0].lostExits);
        assertEquals(1, p[0].paired);
    }

    @Test
    void exitWithoutEnterAtRecordingStartIsCountedNotEmitted() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().exit(50, 7, READ, 4).enter(60, 7, 7, WRITE, 1, 0, 1).exit(70, 7, WRITE, 1), p, null);
        assertEquals(1, rows.size());
        assertEquals(10L, rows.getFirst().gap(), "the orphan exit still anchors the next gap");
        assertEquals(1, p[0].exitsWithoutEnter);
    }

    @Test
    void neverReturningCallsBecomeRowsWithoutRet() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 5, 5, EXIT_GROUP, 0), p, q -> q.threadExit(5));
        assertEquals(1, rows.size());
        assertNull(rows.getFirst().ret());
        assertEquals(1, p[0].neverReturned);
        assertEquals(0, p[0].entersWithoutExit, "exit_group not returning is expected, not a loss");
        // rt_sigreturn followed by a new enter on the same thread: not a lost exit either
        rows = pair(new Stream().enter(10, 5, 5, RT_SIGRETURN).enter(20, 5, 5, READ, 0, 0, 1).exit(25, 5, READ, 1), p, null);
        assertEquals(2, rows.size());
        assertEquals(0, p[0].lostExits);
        assertEquals(1, p[0].neverReturned);
    }

    @Test
    void enterFollowedByEnterMeansTheExitWasLost() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 1, 1, READ, 0, 0, 1).enter(20, 1, 1, WRITE, 1, 0, 1).exit(30, 1, WRITE, 1), p, null);
        assertEquals(2, rows.size());
        assertNull(rows.get(0).ret(), "the read's exit was lost: NULL ret, never a guessed one");
        assertEquals(1L, rows.get(1).ret());
        assertEquals(1, p[0].lostExits);
    }

    @Test
    void mismatchedExitIsCounted() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 1, 1, READ, 0, 0, 1).exit(30, 1, WRITE, 1), p, null);
        assertEquals(1, rows.size());
        assertNull(rows.getFirst().ret());
        assertEquals(1, p[0].mismatchedExits);
    }

    @Test
    void callsInFlightAtTheEndHaveNullRet() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 1, 1, READ, 0, 0, 1).enter(11, 1, 2, WRITE, 1, 0, 1), p, null);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.ret() == null && r.latency() == null));
        assertEquals(2, p[0].entersWithoutExit);
    }

    @Test
    void restartedSyscallsPairNormally() {
        Pairing[] p = new Pairing[1];
        List<Row> rows = pair(new Stream().enter(10, 1, 1, READ, 0, 0, 1).exit(20, 1, READ, -512)
                .enter(21, 1, 1, READ, 0, 0, 1).exit(40, 1, READ, 1), p, null);
        assertEquals(List.of(-512L, 1L), rows.stream().map(Row::ret).toList());
        assertEquals(0, p[0].lostExits + p[0].mismatchedExits);
    }

    @Test
    void execFromAThreadContinuesAsTheLeader() {
        Pairing[] p = new Pairing[1];
        // thread 11 of process 10 calls execve; the exit arrives on tid 10 (the leader) after exec
        List<Row> rows = pair(new Stream().enter(10, 10, 11, EXECVE, 0, 0, 0), p, q -> {
            q.exec(10, 11);
        });
        // no exit was fed in this stream: the moved call is pending under tid 10 and ends at finish
        assertEquals(1, rows.size());
        assertEquals(11, rows.getFirst().tid(), "the row keeps the tid that entered");
    }

    @Test
    void forkChildReturnIsNotAnOrphan() {
        Pairing[] p = new Pairing[1];
        Pairing q = new Pairing(T, (call, gap) -> { });
        try (Arena a = Arena.ofConfined()) {
            RecordCursor c = new RecordCursor().wrap(new Stream().enter(10, 1, 1, CLONE, 0).exit(20, 1, CLONE, 2).exit(21, 2, CLONE, 0)
                    .segment(a));
            c.next();
            q.enter(c, 0);
            c.next();
            q.exit(c);
            q.forked(2);
            c.next();
            q.exit(c);
        }
        assertEquals(1, q.forkReturns);
        assertEquals(0, q.exitsWithoutEnter);
        assertNotNull(p);
    }
}

package ior.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Writing and reading trace format v1: blocks, CRC, torn tails, unknown blocks, versions. */
class TraceFormatTest {
    @TempDir
    Path dir;

    /** A fake ring-buffer range: records of the given types, each with the kernel's 8-byte header. */
    static ByteBuffer ring(long firstTs, int... types) {
        ByteBuffer b = ByteBuffer.allocateDirect(types.length * 40).order(ByteOrder.LITTLE_ENDIAN);
        long ts = firstTs;
        for (int t : types) {
            int len = t == Records.SYS_ENTER ? 32 : 24;  // enter with 1 arg, or exit
            b.putInt(len).putInt(0);
            b.putLong(ts++).putInt(1234).putShort((short) t).putShort((short) 3);
            if (t == Records.SYS_ENTER) b.putInt(1000).put((byte) 1).put((byte) 0).putShort((short) 0).putLong(7);
            else b.putLong(-2);
        }
        return b.flip();
    }

    Path write(String name, int chunks) throws IOException {
        return write(name, chunks, null);
    }

    Path write(String name, int chunks, String layout) throws IOException {
        Path p = dir.resolve(name);
        Map<String, String> h = new LinkedHashMap<>();
        if (layout != null) h.put("format.records", layout);
        h.put("host.name", "testhost");
        h.put("kernel.release", "6.18.0");
        try (TraceWriter w = TraceWriter.create(p, h)) {
            w.writeBlock(TraceFormat.BLOCK_SNAPSHOT, new Snapshot(
                    List.of(new Snapshot.Process(1000, 1, 0, 5, "work", "/bin/work", "work\0-x", "/tmp")),
                    List.of(new Snapshot.Thread(1000, 1000, "work")),
                    List.of(new Snapshot.Fd(1000, 3, 02, 17, "/tmp/a.txt", ""))).encode());
            for (int i = 0; i < chunks; i++) {
                ByteBuffer r = ring(100 + 10L * i, Records.SYS_ENTER, Records.SYS_EXIT);
                w.writeChunk(r, 100 + 10L * i, 101 + 10L * i, 2);
            }
            w.writeLoss(500, new long[][]{{1, 2}, {0, 0}, {0, 0}, {3, 0}});
            w.writeTrailer(600, 3, TraceFormat.STOP_NORMAL);
        }
        return p;
    }

    @Test
    void roundTripsEveryBlockAndRecord() throws IOException {
        Path p = write("a.iortrace", 3);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), "trace files are private");
        try (TraceReader r = TraceReader.open(p)) {
            assertEquals("testhost", r.header().get("host.name"));
            TraceSummary s = TraceSummary.of(r);
            assertEquals(3, s.chunks);
            assertEquals(6, s.records);
            assertEquals(3, s.byType[Records.SYS_ENTER]);
            assertEquals(3, s.byType[Records.SYS_EXIT]);
            assertEquals(100, s.firstTs);
            assertEquals(121, s.lastTs);
            assertTrue(s.hasTrailer);
            assertEquals(3, s.lostEvents(), "drops summed over CPUs");
            assertEquals(3, s.lost[Records.STAT_READ_FAIL]);
            assertEquals(-1, s.tornAt);
            Snapshot snap = s.snapshot;
            assertEquals("work\0-x", snap.processes().getFirst().cmdline());
            assertEquals("/tmp/a.txt", snap.fds().getFirst().target());
            assertEquals(17, snap.fds().getFirst().pos());
        }
    }

    @Test
    void cursorDecodesFields() throws IOException {
        Path p = write("c.iortrace", 1);
        List<String> seen = new ArrayList<>();
        try (TraceReader r = TraceReader.open(p)) {
            RecordCursor c = new RecordCursor();
            r.forEachBlock((type, seq, off, body) -> {
                if (type != TraceFormat.BLOCK_CHUNK) return;
                c.wrap(body);
                while (c.next()) {
                    if (c.type() == Records.SYS_ENTER) seen.add("enter pid=" + c.enterPid() + " nr=" + c.nr() + " arg0=" + c.arg(0) + " arg1=" + c.arg(1));
                    else seen.add("exit tid=" + c.tid() + " ret=" + c.ret());
                }
            });
        }
        assertEquals(List.of("enter pid=1000 nr=3 arg0=7 arg1=0", "exit tid=1234 ret=-2"), seen);
    }

    /** Power-loss style truncation at every byte: readable up to the last whole block, never an error about the intact part. */
    @Test
    void everyTruncationKeepsWholeChunks() throws IOException {
        Path p = write("t.iortrace", 4);
        byte[] all = Files.readAllBytes(p);
        List<long[]> blocks = new ArrayList<>(); // {bodyEnd, paddedEnd}
        try (TraceReader r = TraceReader.open(p)) {
            r.forEachBlock((type, seq, off, body) -> {
                long bodyEnd = off + TraceFormat.BLOCK_HEADER_SIZE + body.byteSize();
                blocks.add(new long[]{bodyEnd, off + TraceFormat.BLOCK_HEADER_SIZE + TraceFormat.align8(body.byteSize())});
            });
        }
        long headerBodyEnd = blocks.getFirst()[0];
        Path cut = dir.resolve("cut.iortrace");
        for (int n = 0; n < all.length; n++) {
            Files.write(cut, java.util.Arrays.copyOf(all, n));
            if (n < headerBodyEnd) {
                final int len = n;
                TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.open(cut).close(), "cut at " + len);
                assertFalse(e.getMessage().isBlank());
                continue;
            }
            final long size = n;
            try (TraceReader r = TraceReader.open(cut)) {
                TraceSummary s = TraceSummary.of(r);
                long whole = blocks.stream().filter(b -> b[0] <= size).count();
                assertEquals(whole, s.blocks, "blocks readable when cut at " + n);
                boolean onBoundary = blocks.stream().anyMatch(b -> size >= b[0] && size <= b[1]);
                if (onBoundary) assertEquals(-1, s.tornAt, "a cut between blocks is not torn: " + n);
                else assertTrue(s.tornAt >= 0 && s.tornAt < n, "torn tail reported for cut at " + n);
            }
        }
    }

    @Test
    void corruptChunkStopsTheWalkThere() throws IOException {
        Path p = write("x.iortrace", 3);
        List<Long> chunkOffsets = new ArrayList<>();
        try (TraceReader r = TraceReader.open(p)) {
            r.forEachBlock((type, seq, off, body) -> { if (type == TraceFormat.BLOCK_CHUNK) chunkOffsets.add(off); });
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[]{(byte) 0xff}), chunkOffsets.get(1) + TraceFormat.BLOCK_HEADER_SIZE + 30);
        }
        try (TraceReader r = TraceReader.open(p)) {
            TraceSummary s = TraceSummary.of(r);
            assertEquals(1, s.chunks, "only the chunk before the corrupt one");
            assertEquals(chunkOffsets.get(1), s.tornAt);
            assertTrue(s.tornReason.contains("CRC"), s.tornReason);
        }
    }

    @Test
    void unknownBlockTypesAreSkipped() throws IOException {
        Path p = dir.resolve("u.iortrace");
        try (TraceWriter w = TraceWriter.create(p, Map.of("k", "v"))) {
            w.writeBlock(99, ByteBuffer.wrap(new byte[]{1, 2, 3}));
            w.writeChunk(ring(1, Records.SYS_ENTER), 1, 1, 1);
        }
        try (TraceReader r = TraceReader.open(p)) {
            TraceSummary s = TraceSummary.of(r);
            assertEquals(1, s.unknownBlocks);
            assertEquals(1, s.records);
            assertEquals(-1, s.tornAt);
        }
    }

    @Test
    void rejectsOtherFilesAndFutureVersions() throws IOException {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(TraceFormatException.class, () -> TraceReader.open(empty)).getMessage().contains("not an ior trace"));
        Path text = dir.resolve("text");
        Files.writeString(text, "hello, this is not a trace file at all");
        assertTrue(assertThrows(TraceFormatException.class, () -> TraceReader.open(text)).getMessage().contains("bad magic"));
        Path future = write("f.iortrace", 1);
        try (FileChannel ch = FileChannel.open(future, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[]{2, 0, 0, 0}), 8);
        }
        String msg = assertThrows(TraceFormatException.class, () -> TraceReader.open(future)).getMessage();
        assertTrue(msg.contains("version 2.0 is not supported"), msg);
        // any minor of major 1 is read: 1.0 files (older recorders) and minors not invented yet
        for (int minor : new int[]{0, 7}) {
            Path older = write("m" + minor + ".iortrace", 1);
            try (FileChannel ch = FileChannel.open(older, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[]{1, 0, (byte) minor, 0}), 8);
            }
            try (TraceReader r = TraceReader.open(older)) {
                assertEquals(minor, r.minorVersion(), "minor " + minor + " read");
            }
        }
        assertThrows(TraceFormatException.class, () -> TraceReader.open(dir));
    }

    @Test
    void readsRecordLayoutsOneAndTwoAndRefusesOthersInOneLine() throws IOException {
        for (String ok : new String[]{"1", "2"}) {
            try (TraceReader r = TraceReader.open(write("l" + ok + ".iortrace", 1, ok))) {
                assertEquals(ok, r.header().get("format.records"));
            }
        }
        for (String bad : new String[]{"3", "0", "two"}) {
            Path p = write("bad" + bad + ".iortrace", 1, bad);
            String msg = assertThrows(TraceFormatException.class, () -> TraceReader.open(p)).getMessage();
            assertTrue(msg.contains("record layout " + bad + " is not supported") && msg.contains("reads layouts 1 to 2") && !msg.contains("\n"), msg);
        }
    }

    @Test
    void implausibleLengthsAreRejectedNotAllocated() throws IOException {
        Path p = write("l.iortrace", 2);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            // the snapshot block follows the header block: give it a 2 GiB length
            long off;
            try (TraceReader r = TraceReader.open(p)) {
                long[] o = {-1};
                r.forEachBlock((type, seq, at, body) -> { if (type == TraceFormat.BLOCK_SNAPSHOT) o[0] = at; });
                off = o[0];
            }
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_fff0).flip(), off + 8);
        }
        try (TraceReader r = TraceReader.open(p)) {
            TraceSummary s = TraceSummary.of(r);
            assertEquals(0, s.chunks);
            assertTrue(s.tornReason.contains("implausible"), s.tornReason);
        }
    }

    @Test
    void invalidUtf8IsEscapedNotLost() {
        assertEquals("a\\xffb", Strings.decode(new byte[]{'a', (byte) 0xff, 'b'}));
        assertEquals("é", Strings.decode("é".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("\\xc3(", Strings.decode(new byte[]{(byte) 0xc3, '('}));
    }
}

package ior.format;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import static ior.format.TraceFormat.*;

/**
 * Maps a trace file and walks its blocks. Every length read from the file is checked against the
 * bytes that are really there; the walk stops at the first block that is cut short or fails its
 * CRC and records where ({@link #tornAt()}), so everything before a torn tail stays usable.
 */
public final class TraceReader implements AutoCloseable {
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    /** Called for each intact block; body is a slice of the mapping, valid until close. */
    @FunctionalInterface
    public interface BlockVisitor {
        void block(int type, long seq, long offset, MemorySegment body) throws IOException;
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final int minor;
    private final Map<String, String> header;
    private long tornAt = -1;
    private String tornReason;

    private TraceReader(Path path, Arena arena, MemorySegment file, int minor, Map<String, String> header) {
        this.path = path;
        this.arena = arena;
        this.file = file;
        this.minor = minor;
        this.header = header;
    }

    public static TraceReader open(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new TraceFormatException(path + " is a directory, not a trace file");
        Arena arena = Arena.ofShared();
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            seg = size == 0 ? MemorySegment.NULL.reinterpret(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new NoSuchFileException(path.toString(), null, "no such file");
        } catch (IOException e) {
            arena.close();
            throw e;
        }
        return of(path, arena, seg);
    }

    /**
     * Reads a trace that is already in memory (a heap or native segment the caller keeps alive);
     * name is only used in messages. The fuzz tests feed inputs through here, without a file.
     */
    public static TraceReader of(Path name, MemorySegment bytes) throws TraceFormatException {
        return of(name, null, bytes);
    }

    private static TraceReader of(Path path, Arena arena, MemorySegment seg) throws TraceFormatException {
        try {
            if (seg.byteSize() < PREAMBLE_SIZE)
                throw new TraceFormatException(path + ": not an ior trace (" + seg.byteSize() + " bytes, shorter than the 16-byte preamble)");
            for (int i = 0; i < MAGIC.length; i++)
                if (seg.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i])
                    throw new TraceFormatException(path + ": not an ior trace (bad magic)");
            int major = Short.toUnsignedInt(seg.get(U16, 8));
            int minor = Short.toUnsignedInt(seg.get(U16, 10));
            if (major != MAJOR)
                throw new TraceFormatException(path + ": trace format version " + major + "." + minor
                        + " is not supported by this ior (reads " + MAJOR + ".x); use a matching ior release");
            TraceReader r = new TraceReader(path, arena, seg, minor, Map.of());
            Map<String, String> hdr = r.readHeader();
            String layout = hdr.getOrDefault("format.records", "1");
            int l;
            try {
                l = Integer.parseInt(layout);
            } catch (NumberFormatException e) {
                l = -1;
            }
            if (l < Records.OLDEST_LAYOUT || l > Records.LAYOUT_VERSION)
                throw new TraceFormatException(path + ": record layout " + layout + " is not supported by this ior (reads layouts "
                        + Records.OLDEST_LAYOUT + " to " + Records.LAYOUT_VERSION + "); use a matching ior release");
            return new TraceReader(path, arena, seg, minor, hdr);
        } catch (RuntimeException | TraceFormatException e) {
            if (arena != null) arena.close();
            throw e;
        }
    }

    private Map<String, String> readHeader() throws TraceFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        long off = PREAMBLE_SIZE;
        String bad = checkBlock(off);
        if (bad != null) throw new TraceFormatException(path + ": header block unreadable: " + bad);
        if (Short.toUnsignedInt(file.get(U16, off + 4)) != BLOCK_HEADER)
            throw new TraceFormatException(path + ": first block is not a header block");
        int len = file.get(U32, off + 8);
        MemorySegment body = file.asSlice(off + BLOCK_HEADER_SIZE, len);
        long p = 0;
        if (len < 4) throw new TraceFormatException(path + ": header block too short");
        int n = body.get(U32, 0);
        p = 4;
        for (int i = 0; i < n; i++) {
            if (p + 6 > len) throw new TraceFormatException(path + ": header entry " + i + " runs past the block");
            int kl = Short.toUnsignedInt(body.get(U16, p));
            long vl = Integer.toUnsignedLong(body.get(U32, p + 2));
            p += 6;
            if (p + kl + vl > len) throw new TraceFormatException(path + ": header entry " + i + " runs past the block");
            String k = utf8(body, p, kl);
            String v = utf8(body, p + kl, (int) vl);
            out.put(k, v);
            p += kl + vl;
        }
        return out;
    }

    static String utf8(MemorySegment s, long off, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Returns null when the block at off is whole and its CRC matches, else why not. */
    private String checkBlock(long off) {
        long size = file.byteSize();
        if (off + BLOCK_HEADER_SIZE > size) return "block header cut short at offset " + off;
        if (file.get(U32, off) != BLOCK_MAGIC) return "no block magic at offset " + off;
        long len = Integer.toUnsignedLong(file.get(U32, off + 8));
        if (len > MAX_BODY) return "block length " + len + " at offset " + off + " is implausible";
        if (off + BLOCK_HEADER_SIZE + len > size) return "block at offset " + off + " cut short (" + len + " bytes declared, "
                + (size - off - BLOCK_HEADER_SIZE) + " present)";
        CRC32C crc = new CRC32C();
        if (len > 0) crc.update(file.asSlice(off + BLOCK_HEADER_SIZE, len).asByteBuffer());
        if ((int) crc.getValue() != file.get(U32, off + 12)) return "CRC mismatch in block at offset " + off;
        return null;
    }

    /** Visits every intact block in file order; stops at a torn or corrupt block (see tornAt). */
    public void forEachBlock(BlockVisitor v) throws IOException {
        long off = PREAMBLE_SIZE;
        long size = file.byteSize();
        while (off < size) {
            String bad = checkBlock(off);
            if (bad != null) {
                tornAt = off;
                tornReason = bad;
                return;
            }
            int type = Short.toUnsignedInt(file.get(U16, off + 4));
            long seq = file.get(U64, off + 16);
            int len = file.get(U32, off + 8);
            v.block(type, seq, off, file.asSlice(off + BLOCK_HEADER_SIZE, len));
            off += BLOCK_HEADER_SIZE + align8((long) len);
        }
        tornAt = -1;
        tornReason = null;
    }

    public Map<String, String> header() {
        return header;
    }

    public Path path() {
        return path;
    }

    public long fileSize() {
        return file.byteSize();
    }

    public int minorVersion() {
        return minor;
    }

    /** Offset of the first unreadable block after the last walk, or -1 when the file was whole. */
    public long tornAt() {
        return tornAt;
    }

    public String tornReason() {
        return tornReason;
    }

    @Override
    public void close() {
        if (arena != null) arena.close();
    }
}

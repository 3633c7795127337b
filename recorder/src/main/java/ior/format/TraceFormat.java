package ior.format;

/**
 * Constants of trace format v1 (docs/format.md is the specification).
 *
 * <pre>
 * file     := preamble block*
 * preamble := "IORTRACE" u16 major u16 minor u32 reserved          (16 bytes)
 * block    := header body padding-to-8
 * header   := u32 magic "IBLK" | u16 type | u16 flags | u32 body_len | u32 crc32c(body) | u64 seq   (24 bytes)
 * </pre>
 *
 * A reader skips blocks of unknown type by their length, and stops at the first block that is cut
 * short or fails its CRC: everything before it is intact.
 */
public final class TraceFormat {
    private TraceFormat() {}

    public static final byte[] MAGIC = {'I', 'O', 'R', 'T', 'R', 'A', 'C', 'E'};
    public static final int MAJOR = 1;
    public static final int MINOR = 2;
    public static final int PREAMBLE_SIZE = 16;

    public static final int BLOCK_MAGIC = 0x4B4C4249; // "IBLK" little endian
    public static final int BLOCK_HEADER_SIZE = 24;
    /** Largest body a reader accepts; a larger length is corruption, not data. */
    public static final int MAX_BODY = 256 << 20;

    public static final int BLOCK_HEADER = 1;
    public static final int BLOCK_SNAPSHOT = 2;
    public static final int BLOCK_CHUNK = 3;
    public static final int BLOCK_LOSS = 4;
    public static final int BLOCK_TRAILER = 5;

    /** Chunk body: u64 first_ts, u64 last_ts, u32 records, u32 reserved, then raw ring-buffer bytes. */
    public static final int CHUNK_HEADER_SIZE = 24;

    /** Kernel ring-buffer record header: u32 len | BUSY | DISCARD, u32 page offset. */
    public static final int RB_HEADER_SIZE = 8;
    public static final int RB_BUSY = 1 << 31;
    public static final int RB_DISCARD = 1 << 30;
    public static final int RB_LEN_MASK = ~(RB_BUSY | RB_DISCARD);

    /** Trailer stop reasons. */
    public static final int STOP_NORMAL = 0;     // the -d duration elapsed
    public static final int STOP_SIGNAL = 1;     // SIGINT, SIGTERM or SIGHUP
    public static final int STOP_COMMAND = 2;    // the recorded command exited
    public static final int STOP_MAX_SIZE = 3;   // --max-size reached without --rotate
    public static final int STOP_DISK_FULL = 4;  // a write failed (disk full or I/O error); the file ends at the last whole block
    public static final int STOP_ROTATED = 5;    // continued in the next file of the --rotate ring

    public static String stopReasonName(int reason) {
        return switch (reason) {
            case STOP_NORMAL -> "normal";
            case STOP_SIGNAL -> "signal";
            case STOP_COMMAND -> "command exited";
            case STOP_MAX_SIZE -> "max size reached";
            case STOP_DISK_FULL -> "disk full";
            case STOP_ROTATED -> "rotated";
            default -> "unknown(" + reason + ")";
        };
    }

    public static int align8(int n) {
        return (n + 7) & ~7;
    }

    public static long align8(long n) {
        return (n + 7) & ~7L;
    }
}

package ior.format;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-of-recording snapshot: processes, their threads and their open fds, as /proc showed
 * them just after the BPF programs were attached.
 *
 * <pre>
 * body  := u32 count entry*
 * entry := u16 type | u16 reserved | u32 len | payload[len]
 * PROCESS (1): u32 pid, u32 ppid, u32 uid, u32 reserved, u64 start_boot_ns, str comm, str exe, str cmdline, str cwd
 * THREAD  (2): u32 pid, u32 tid, str comm
 * FD      (3): u32 pid, i32 fd, u32 flags, u32 reserved, u64 pos, str target, str detail
 * str   := u32 len | bytes      (cmdline keeps its NUL separators)
 * </pre>
 * Unknown entry types are skipped by length.
 */
public record Snapshot(List<Process> processes, List<Thread> threads, List<Fd> fds) {
    public static final int PROCESS = 1;
    public static final int THREAD = 2;
    public static final int FD = 3;

    public record Process(int pid, int ppid, int uid, long startBootNs, String comm, String exe, String cmdline, String cwd) {}

    public record Thread(int pid, int tid, String comm) {}

    /** flags are the octal "flags:" of /proc/PID/fdinfo (O_* bits); target is readlink of /proc/PID/fd/N. */
    public record Fd(int pid, int fd, int flags, long pos, String target, String detail) {}

    public static Snapshot empty() {
        return new Snapshot(List.of(), List.of(), List.of());
    }

    public ByteBuffer encode() {
        Out out = new Out();
        out.u32(processes.size() + threads.size() + fds.size());
        for (Process p : processes) {
            Out e = new Out();
            e.u32(p.pid).u32(p.ppid).u32(p.uid).u32(0).u64(p.startBootNs).str(p.comm).str(p.exe).str(p.cmdline).str(p.cwd);
            out.entry(PROCESS, e);
        }
        for (Thread t : threads) {
            Out e = new Out();
            e.u32(t.pid).u32(t.tid).str(t.comm);
            out.entry(THREAD, e);
        }
        for (Fd f : fds) {
            Out e = new Out();
            e.u32(f.pid).u32(f.fd).u32(f.flags).u32(0).u64(f.pos).str(f.target).str(f.detail);
            out.entry(FD, e);
        }
        return ByteBuffer.wrap(out.bytes());
    }

    /** Decodes a snapshot body; every length is checked against the body. */
    public static Snapshot decode(MemorySegment body) throws TraceFormatException {
        In in = new In(body);
        long n = Integer.toUnsignedLong(in.u32());
        List<Process> ps = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        List<Fd> fs = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            int type = in.u16();
            in.u16();
            long len = Integer.toUnsignedLong(in.u32());
            long start = in.pos;
            in.need(len);
            In e = new In(body.asSlice(start, len));
            switch (type) {
                case PROCESS -> {
                    int pid = e.u32(), ppid = e.u32(), uid = e.u32();
                    e.u32(); // reserved
                    ps.add(new Process(pid, ppid, uid, e.u64(), e.str(), e.str(), e.str(), e.str()));
                }
                case THREAD -> ts.add(new Thread(e.u32(), e.u32(), e.str()));
                case FD -> {
                    int pid = e.u32(), fd = e.u32(), flags = e.u32();
                    e.u32(); // reserved
                    fs.add(new Fd(pid, fd, flags, e.u64(), e.str(), e.str()));
                }
                default -> { } // newer entry type: skip
            }
            in.pos = start + len;
        }
        return new Snapshot(ps, ts, fs);
    }

    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out u32(int v) {
            scratch.clear();
            b.write(scratch.putInt(v).array(), 0, 4);
            return this;
        }

        Out u16(int v) {
            scratch.clear();
            b.write(scratch.putShort((short) v).array(), 0, 2);
            return this;
        }

        Out u64(long v) {
            scratch.clear();
            b.write(scratch.putLong(v).array(), 0, 8);
            return this;
        }

        Out str(String s) {
            byte[] v = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            u32(v.length);
            b.write(v, 0, v.length);
            return this;
        }

        void entry(int type, Out e) {
            byte[] p = e.bytes();
            u16(type).u16(0).u32(p.length);
            b.write(p, 0, p.length);
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }

    private static final class In {
        final MemorySegment s;
        long pos;

        In(MemorySegment s) {
            this.s = s;
        }

        void need(long n) throws TraceFormatException {
            if (n < 0 || pos + n > s.byteSize())
                throw new TraceFormatException("snapshot entry runs past its block (needs " + n + " bytes at " + pos + " of " + s.byteSize() + ")");
        }

        int u16() throws TraceFormatException {
            need(2);
            int v = Short.toUnsignedInt(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, pos));
            pos += 2;
            return v;
        }

        int u32() throws TraceFormatException {
            need(4);
            int v = s.get(ValueLayout.JAVA_INT_UNALIGNED, pos);
            pos += 4;
            return v;
        }

        long u64() throws TraceFormatException {
            need(8);
            long v = s.get(ValueLayout.JAVA_LONG_UNALIGNED, pos);
            pos += 8;
            return v;
        }

        String str() throws TraceFormatException {
            long n = Integer.toUnsignedLong(u32());
            need(n);
            byte[] b = new byte[(int) n];
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, pos, b, 0, (int) n);
            pos += n;
            return Strings.decode(b);
        }
    }
}

package ior.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static ior.format.Records.*;

/**
 * The capture programs of bpf/ior.bpf.c, loaded and attached through libbpf, in the straight line
 * of libbpf-tools loaders: open, write settings, size the ring buffer, load, fill the capture
 * table, attach; {@link #close()} detaches and frees everything.
 */
public final class BpfCapture implements AutoCloseable {
    /**
     * What the recorder asks of the kernel side. clockOffsetNs: added to CLOCK_MONOTONIC to give
     * the trace's timestamps (ior.recorder.TraceClock).
     */
    public record Settings(int selfPid, boolean filterPids, String comm, long wakeupBytes, long ringBytes,
                           MemorySegment captureTable, long clockOffsetNs) {}

    private static final int EPERM = 1, EACCES = 13;

    private final Arena arena = Arena.ofShared();
    private MemorySegment obj = MemorySegment.NULL;
    private final List<MemorySegment> links = new ArrayList<>();
    private int ringFd = -1, statsFd = -1, pidsFd = -1;
    private long ringSize;
    private int cpus;

    private BpfCapture() {}

    /**
     * Links libbpf's functions (the downcall handles: ~40 ms on the first use), so that a thread
     * can do it while another parses the command line. A failure is left for {@link #load} to
     * report: it finds the class in error and says which package is missing.
     */
    public static void linkLibbpf() {
        try {
            Libbpf.ensureLoaded();
        } catch (Throwable ignored) {
            // reported by load()
        }
    }

    /** Opens and loads the object; programs are not attached yet. */
    public static BpfCapture load(byte[] object, Settings s, boolean verbose) throws BpfException {
        try {
            Libbpf.ensureLoaded();
        } catch (ExceptionInInitializerError | NoClassDefFoundError | Libbpf.MissingLibraryException e) {
            throw new BpfException(BpfException.Kind.ENVIRONMENT, new Libbpf.MissingLibraryException().getMessage());
        }
        BpfCapture c = new BpfCapture();
        try {
            c.doLoad(object, s, verbose);
            return c;
        } catch (BpfException e) {
            c.close();
            throw e;
        } catch (Throwable t) {
            c.close();
            throw new BpfException(BpfException.Kind.FAILURE, "loading the BPF programs: " + t);
        }
    }

    private void doLoad(byte[] object, Settings s, boolean verbose) throws Throwable {
        if (!verbose) {
            // libbpf prints warnings and verifier logs to stderr by default; ior reports failures itself.
            MemorySegment ignored = (MemorySegment) Libbpf.SET_PRINT.invokeExact(MemorySegment.NULL);
        }
        MemorySegment mem = arena.allocate(object.length, 8);
        MemorySegment.copy(object, 0, mem, ValueLayout.JAVA_BYTE, 0, object.length);
        obj = (MemorySegment) Libbpf.OPEN_MEM.invokeExact(Native.errnoSlot(), mem, (long) object.length, MemorySegment.NULL);
        if (Libbpf.isNull(obj)) throw fail("opening the BPF object", Native.errno());

        MemorySegment rodata = map(".rodata");
        MemorySegment szp = arena.allocate(ValueLayout.JAVA_LONG);
        MemorySegment init = (MemorySegment) Libbpf.MAP_INITIAL_VALUE.invokeExact(rodata, szp);
        long size = szp.get(ValueLayout.JAVA_LONG, 0);
        if (Libbpf.isNull(init) || size != SET_SIZE)
            throw new BpfException(BpfException.Kind.FAILURE, "BPF object has an unexpected .rodata (" + size + " bytes, want " + SET_SIZE + "): rebuild ior");
        init = init.reinterpret(size);
        // struct ior_settings
        init.set(ValueLayout.JAVA_INT, SET_SELF_PID, s.selfPid());
        init.set(ValueLayout.JAVA_BYTE, SET_FILTER_PIDS, (byte) (s.filterPids() ? 1 : 0));
        init.set(ValueLayout.JAVA_BYTE, SET_FILTER_COMM, (byte) (s.comm() != null ? 1 : 0));
        if (s.comm() != null) {
            byte[] comm = s.comm().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < COMM_LEN; i++) init.set(ValueLayout.JAVA_BYTE, SET_TARGET_COMM + i, i < comm.length && i < COMM_LEN - 1 ? comm[i] : 0);
        }
        init.set(ValueLayout.JAVA_LONG, SET_WAKEUP_BYTES, s.wakeupBytes());
        init.set(ValueLayout.JAVA_LONG, SET_CLOCK_OFFSET, s.clockOffsetNs());

        MemorySegment events = map("events");
        int rc = (int) Libbpf.MAP_SET_MAX_ENTRIES.invokeExact(events, (int) s.ringBytes());
        if (rc != 0) throw fail("sizing the ring buffer to " + s.ringBytes() + " bytes", -rc);

        rc = (int) Libbpf.OBJ_LOAD.invokeExact(Native.errnoSlot(), obj);
        if (rc != 0) throw fail("loading the BPF programs into the kernel", -rc);

        ringFd = (int) Libbpf.MAP_FD.invokeExact(events);
        ringSize = Integer.toUnsignedLong((int) Libbpf.MAP_MAX_ENTRIES.invokeExact(events));
        statsFd = (int) Libbpf.MAP_FD.invokeExact(map("stats"));
        pidsFd = (int) Libbpf.MAP_FD.invokeExact(map("traced_pids"));
        cpus = (int) Libbpf.NUM_CPUS.invokeExact();

        int capFd = (int) Libbpf.MAP_FD.invokeExact(map("capture"));
        MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
        for (int nr = 0; nr < MAX_SYSCALLS; nr++) {
            MemorySegment val = s.captureTable().asSlice((long) nr * CAP_SIZE, CAP_SIZE);
            if (val.get(ValueLayout.JAVA_BYTE, CAP_FLAGS) == 0) continue; // zero entries are "not traced" already
            key.set(ValueLayout.JAVA_INT, 0, nr);
            rc = (int) Libbpf.MAP_UPDATE.invokeExact(Native.errnoSlot(), capFd, key, val, 0L);
            if (rc != 0) throw fail("filling the capture table", Native.errno());
        }
    }

    private MemorySegment map(String name) throws Throwable {
        MemorySegment m = (MemorySegment) Libbpf.FIND_MAP.invokeExact(obj, arena.allocateFrom(name));
        if (Libbpf.isNull(m)) throw new BpfException(BpfException.Kind.FAILURE, "BPF object has no map '" + name + "': rebuild ior");
        return m;
    }

    /** Adds a process (thread group id) to the pid filter; its children follow automatically. */
    public void tracePid(int pid) throws BpfException {
        try {
            MemorySegment k = arena.allocate(ValueLayout.JAVA_INT);
            k.set(ValueLayout.JAVA_INT, 0, pid);
            MemorySegment v = arena.allocate(ValueLayout.JAVA_BYTE);
            v.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            int rc = (int) Libbpf.MAP_UPDATE.invokeExact(Native.errnoSlot(), pidsFd, k, v, 0L);
            if (rc != 0) throw fail("adding pid " + pid + " to the filter", Native.errno());
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw new BpfException(BpfException.Kind.FAILURE, "adding pid " + pid + ": " + t);
        }
    }

    /** The task iterator that writes calls still in flight at stop; attached only by {@link #dumpInflight}. */
    static final String DUMP_PROGRAM = "ior_dump_inflight";

    /** Attaches every capture program; on failure nothing stays attached. */
    public void attach() throws BpfException {
        try {
            for (MemorySegment p = (MemorySegment) Libbpf.NEXT_PROG.invokeExact(obj, MemorySegment.NULL);
                 !Libbpf.isNull(p);
                 p = (MemorySegment) Libbpf.NEXT_PROG.invokeExact(obj, p)) {
                String name = ((MemorySegment) Libbpf.PROG_NAME.invokeExact(p)).reinterpret(256).getString(0);
                if (name.equals(DUMP_PROGRAM)) continue;
                MemorySegment link = (MemorySegment) Libbpf.PROG_ATTACH.invokeExact(Native.errnoSlot(), p);
                if (Libbpf.isNull(link)) {
                    int err = Native.errno();
                    detach();
                    throw fail("attaching " + name, err);
                }
                links.add(link);
            }
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw new BpfException(BpfException.Kind.FAILURE, "attaching: " + t);
        }
    }

    /** Detaches every program: no new records after this returns. */
    public void detach() {
        for (MemorySegment l : links) {
            try {
                int ignored = (int) Libbpf.AfterAttach.LINK_DESTROY.invokeExact(l);
            } catch (Throwable ignored) {
                // best effort: the kernel detaches when our fds close anyway
            }
        }
        links.clear();
    }

    /**
     * After {@link #detach}: writes every call still in flight (enter stored in its task's slot,
     * no exit yet) into the ring buffer as a sys_enter record, by running the task iterator once.
     * Returns false (and writes nothing) when the kernel refuses the iterator.
     */
    public boolean dumpInflight() {
        MemorySegment link = MemorySegment.NULL;
        int fd = -1;
        try {
            MemorySegment prog = (MemorySegment) Libbpf.AfterAttach.FIND_PROG.invokeExact(obj, arena.allocateFrom(DUMP_PROGRAM));
            if (Libbpf.isNull(prog)) return false;
            link = (MemorySegment) Libbpf.AfterAttach.ATTACH_ITER.invokeExact(Native.errnoSlot(), prog, MemorySegment.NULL);
            if (Libbpf.isNull(link)) return false;
            fd = (int) Libbpf.AfterAttach.ITER_CREATE.invokeExact(Native.errnoSlot(), (int) Libbpf.AfterAttach.LINK_FD.invokeExact(link));
            if (fd < 0) return false;
            // The program writes to the ring buffer, not to this file: reading runs it over every task.
            MemorySegment buf = arena.allocate(4096);
            long n;
            while ((n = Libc.read(fd, buf)) > 0) { }
            return n == 0;
        } catch (Throwable t) {
            return false;
        } finally {
            if (fd >= 0) Libc.close(fd);
            if (!Libbpf.isNull(link)) {
                try {
                    int ignored = (int) Libbpf.AfterAttach.LINK_DESTROY.invokeExact(link);
                } catch (Throwable ignored) {
                    // the kernel frees it with our fds
                }
            }
        }
    }

    public int attachedPrograms() {
        return links.size();
    }

    /** Sums nothing: returns stats[counter][cpu], cumulative since load. */
    public long[][] readStats() {
        long[][] out = new long[STAT_COUNT][cpus];
        try {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment vals = arena.allocate(ValueLayout.JAVA_LONG, Math.max(cpus, 1));
            for (int k = 0; k < STAT_COUNT; k++) {
                key.set(ValueLayout.JAVA_INT, 0, k);
                int rc = (int) Libbpf.AfterAttach.MAP_LOOKUP.invokeExact(Native.errnoSlot(), statsFd, key, vals);
                if (rc == 0) for (int c = 0; c < cpus; c++) out[k][c] = vals.getAtIndex(ValueLayout.JAVA_LONG, c);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("reading BPF counters: " + t, t);
        }
        return out;
    }

    public int ringFd() {
        return ringFd;
    }

    public long ringSize() {
        return ringSize;
    }

    public int cpus() {
        return cpus;
    }

    private static BpfException fail(String step, int errno) {
        BpfException.Kind kind = errno == EPERM || errno == EACCES ? BpfException.Kind.PERMISSION : BpfException.Kind.FAILURE;
        String hint = kind == BpfException.Kind.PERMISSION ? ": run as root or grant CAP_BPF and CAP_PERFMON" : "";
        return new BpfException(kind, step + ": " + Libc.strerror(errno) + hint);
    }

    @Override
    public void close() {
        detach();
        if (!Libbpf.isNull(obj)) {
            try {
                Libbpf.AfterAttach.OBJ_CLOSE.invokeExact(obj);
            } catch (Throwable ignored) {
                // nothing more to free
            }
            obj = MemorySegment.NULL;
        }
        arena.close();
    }
}

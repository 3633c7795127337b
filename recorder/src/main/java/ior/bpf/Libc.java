package ior.bpf;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The few libc calls the recorder needs that the JDK does not offer. */
public final class Libc {
    private Libc() {}

    private static final SymbolLookup LIBC = Native.LINKER.defaultLookup();

    public static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;
    public static final int EPOLLIN = 1, EPOLL_CTL_ADD = 1;

    /** Made on first use: building a downcall handle costs milliseconds at start-up. */
    private static final class MMAP_ {
        static final MethodHandle H = Native.downcall(LIBC, "mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), true);
    }
    private static final class MUNMAP_ {
        static final MethodHandle H = Native.downcall(LIBC, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), false);
    }
    private static final class EPOLL_CREATE1_ {
        static final MethodHandle H = Native.downcall(LIBC, "epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    }
    private static final class EPOLL_CTL_ {
        static final MethodHandle H = Native.downcall(LIBC, "epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), false);
    }
    private static final class EPOLL_WAIT_ {
        static final MethodHandle H = Native.downcall(LIBC, "epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), false);
    }
    private static final class CLOCK_GETTIME_ {
        static final MethodHandle H = Native.downcall(LIBC, "clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), false);
    }
    private static final class ISATTY_ {
        static final MethodHandle H = Native.downcall(LIBC, "isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    }
    private static final class GETEUID_ {
        static final MethodHandle H = Native.downcall(LIBC, "geteuid", FunctionDescriptor.of(JAVA_INT), false);
    }
    private static final class KILL_ {
        static final MethodHandle H = Native.downcall(LIBC, "kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    }
    private static final class CLOSE_ {
        static final MethodHandle H = Native.downcall(LIBC, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    }
    private static final class READ_ {
        static final MethodHandle H = Native.downcall(LIBC, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
    }
    private static final class SYSCONF_ {
        static final MethodHandle H = Native.downcall(LIBC, "sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT), false);
    }
    private static final class STRERROR_ {
        static final MethodHandle H = Native.downcall(LIBC, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
    }

    /** Returns the mapping, or throws with errno's text. */
    public static MemorySegment mmap(long len, int prot, int flags, int fd, long off) {
        try {
            MemorySegment p = (MemorySegment) MMAP_.H.invokeExact(Native.errnoSlot(), MemorySegment.NULL, len, prot, flags, fd, off);
            if (p.address() == -1L) throw new IllegalStateException("mmap: " + strerror(Native.errno()));
            return p.reinterpret(len);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void munmap(MemorySegment m) {
        try {
            int ignored = (int) MUNMAP_.H.invokeExact(m, m.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int epollCreate() {
        try {
            return (int) EPOLL_CREATE1_.H.invokeExact(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int epollAdd(int ep, int fd, MemorySegment event12) {
        try {
            event12.set(JAVA_INT, 0, EPOLLIN);
            return (int) EPOLL_CTL_.H.invokeExact(ep, EPOLL_CTL_ADD, fd, event12);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static int epollWait(int ep, MemorySegment events, int max, int timeoutMs) {
        try {
            return (int) EPOLL_WAIT_.H.invokeExact(ep, events, max, timeoutMs);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** clock_gettime into a 16-byte timespec; returns nanoseconds. */
    public static long clockNs(int clock, MemorySegment ts16) {
        try {
            int rc = (int) CLOCK_GETTIME_.H.invokeExact(clock, ts16);
            if (rc != 0) throw new IllegalStateException("clock_gettime(" + clock + ") failed");
            return ts16.get(JAVA_LONG, 0) * 1_000_000_000L + ts16.get(JAVA_LONG, 8);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static boolean isatty(int fd) {
        try {
            return (int) ISATTY_.H.invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    public static int geteuid() {
        try {
            return (int) GETEUID_.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** kill(2); returns 0 or errno. */
    public static int kill(int pid, int sig) {
        try {
            int rc = (int) KILL_.H.invokeExact(Native.errnoSlot(), pid, sig);
            return rc == 0 ? 0 : Native.errno();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE_.H.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** read(2): bytes read, 0 at end of file, or -errno. */
    public static long read(int fd, MemorySegment buf) {
        try {
            long n = (long) READ_.H.invokeExact(Native.errnoSlot(), fd, buf, buf.byteSize());
            return n >= 0 ? n : -Native.errno();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long pageSize() {
        try {
            return (long) SYSCONF_.H.invokeExact(30 /* _SC_PAGESIZE */);
        } catch (Throwable t) {
            return 4096;
        }
    }

    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR_.H.invokeExact(errno);
            return s.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}

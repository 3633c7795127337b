package ior.bpf;

import ior.format.Records;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.*;

/** The capture table the BPF programs read: what each syscall records, and what --syscalls keeps. */
class CaptureTableTest {
    static final SyscallTable T = SyscallTable.x86_64();

    static int u8(MemorySegment s, String name, int off) {
        return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, (long) T.byName(name).nr() * Records.CAP_SIZE + off));
    }

    static int u16(MemorySegment s, String name, int off) {
        return Short.toUnsignedInt(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, (long) T.byName(name).nr() * Records.CAP_SIZE + off));
    }

    @Test
    void everySyscallIsTracedWithItsArgs() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = CaptureTable.encode(T, null, a);
            assertEquals((long) Records.MAX_SYSCALLS * Records.CAP_SIZE, s.byteSize());
            for (var sc : T.all()) {
                assertEquals(Records.CAP_TRACE, u8(s, sc.name(), Records.CAP_FLAGS) & Records.CAP_TRACE, sc.name() + " traced");
                assertEquals(sc.nargs(), u8(s, sc.name(), Records.CAP_NARGS), sc.name() + " nargs");
            }
            assertEquals(0, u8(s, "getppid", Records.CAP_NARGS));
            // paths: 1 + arg index
            assertEquals(2, u8(s, "openat", Records.CAP_STR_ARG));
            assertEquals(1, u8(s, "open", Records.CAP_STR_ARG));
            assertEquals(2, u8(s, "rename", Records.CAP_STR_ARG + 1), "rename's second path");
            assertEquals(0, u8(s, "read", Records.CAP_STR_ARG), "read copies no user memory");
            // structs at enter, length from an argument
            assertEquals(2, u8(s, "connect", Records.CAP_IN_ARG));
            assertEquals(3, u8(s, "connect", Records.CAP_IN_LEN_ARG));
            assertEquals(112, u16(s, "connect", Records.CAP_IN_LEN));
            assertEquals(3, u8(s, "openat2", Records.CAP_IN_ARG));
            assertEquals(24, u16(s, "openat2", Records.CAP_IN_LEN));
            // results at exit
            assertEquals(1, u8(s, "pipe2", Records.CAP_OUT_ARG));
            assertEquals(8, u16(s, "pipe2", Records.CAP_OUT_LEN));
            assertEquals(2, u8(s, "accept4", Records.CAP_OUT_ARG));
            assertEquals(3, u8(s, "accept4", Records.CAP_OUT_LEN_ARG), "length behind accept4's addrlen pointer");
            assertEquals(Records.CAP_TRACE | Records.CAP_KEEP | Records.CAP_PAIR, u8(s, "dup2", Records.CAP_FLAGS),
                    "dup2 copies no memory: one record per call");
            // one record per call exactly for the calls that copy no user memory and return
            for (String whole : new String[]{"getppid", "read", "write", "close", "lseek", "futex", "clone", "wait4", "pause"})
                assertEquals(Records.CAP_PAIR, u8(s, whole, Records.CAP_FLAGS) & Records.CAP_PAIR, whole + " paired in the kernel");
            for (String two : new String[]{"openat", "connect", "pipe2", "accept4", "nanosleep", "execve", "exit_group", "exit", "rt_sigreturn"})
                assertEquals(0, u8(s, two, Records.CAP_FLAGS) & Records.CAP_PAIR, two + " written as an enter and an exit");
        }
    }

    @Test
    void narrowingKeepsFdChangingSyscalls() {
        try (Arena a = Arena.ofConfined()) {
            BitSet sel = T.select("read,Time");
            MemorySegment s = CaptureTable.encode(T, sel, a);
            assertEquals(Records.CAP_TRACE | Records.CAP_PAIR, u8(s, "read", Records.CAP_FLAGS));
            assertEquals(Records.CAP_TRACE, u8(s, "nanosleep", Records.CAP_FLAGS));
            assertEquals(0, u8(s, "write", Records.CAP_FLAGS), "write not selected");
            assertEquals(0, u8(s, "stat", Records.CAP_FLAGS));
            for (String keep : new String[]{"open", "openat", "close", "close_range", "dup", "dup3", "fcntl", "pipe2", "socket",
                    "accept4", "clone", "clone3", "execve", "eventfd2", "memfd_create"})
                assertEquals(Records.CAP_TRACE | Records.CAP_KEEP, u8(s, keep, Records.CAP_FLAGS) & ~Records.CAP_PAIR, keep + " always kept");
        }
    }
}

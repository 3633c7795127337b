package ior.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** Shared FFM plumbing: the linker, and errno capture for calls that set it. */
final class Native {
    private Native() {}

    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** errno is captured per thread; the recorder calls libbpf from one thread at a time. */
    static final ThreadLocal<MemorySegment> CAPTURED = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    static MethodHandle downcall(SymbolLookup lib, String name, FunctionDescriptor fd, boolean captureErrno) {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("symbol " + name + " not found"));
        return captureErrno
                ? LINKER.downcallHandle(sym, fd, Linker.Option.captureCallState("errno"))
                : LINKER.downcallHandle(sym, fd);
    }

    static MemorySegment errnoSlot() {
        return CAPTURED.get();
    }

    static int errno() {
        return (int) ERRNO.get(CAPTURED.get(), 0L);
    }
}

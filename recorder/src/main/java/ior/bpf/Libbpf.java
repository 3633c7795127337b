package ior.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libbpf.so.1 through FFM: only the calls the recorder makes, with libbpf 1.x conventions
 * (NULL or a negative errno on failure). Loaded lazily so the analyzer never needs libbpf.
 */
final class Libbpf {
    private Libbpf() {}

    private static final SymbolLookup LIB = lookup();

    private static SymbolLookup lookup() {
        try {
            return SymbolLookup.libraryLookup("libbpf.so.1", Arena.global());
        } catch (IllegalArgumentException e) {
            throw new MissingLibraryException();
        }
    }

    /** libbpf.so.1 is not installed. */
    static final class MissingLibraryException extends RuntimeException {
        MissingLibraryException() {
            super("libbpf.so.1 not found: install libbpf1 (Debian/Ubuntu: apt-get install libbpf1; Fedora/RHEL: dnf install libbpf)");
        }
    }

    private static MethodHandle h(String name, FunctionDescriptor fd, boolean errno) {
        return Native.downcall(LIB, name, fd, errno);
    }

    static final MethodHandle OPEN_MEM = h("bpf_object__open_mem", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), true);
    static final MethodHandle FIND_MAP = h("bpf_object__find_map_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
    static final MethodHandle MAP_INITIAL_VALUE = h("bpf_map__initial_value", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
    static final MethodHandle MAP_SET_MAX_ENTRIES = h("bpf_map__set_max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), false);
    static final MethodHandle MAP_MAX_ENTRIES = h("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
    static final MethodHandle MAP_FD = h("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
    static final MethodHandle OBJ_LOAD = h("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS), true);
    static final MethodHandle NEXT_PROG = h("bpf_object__next_program", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
    static final MethodHandle PROG_NAME = h("bpf_program__name", FunctionDescriptor.of(ADDRESS, ADDRESS), false);
    static final MethodHandle PROG_ATTACH = h("bpf_program__attach", FunctionDescriptor.of(ADDRESS, ADDRESS), true);
    static final MethodHandle MAP_UPDATE = h("bpf_map_update_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), true);
    static final MethodHandle NUM_CPUS = h("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT), false);
    static final MethodHandle SET_PRINT = h("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS), false);

    /**
     * The calls made only once the programs are attached (reading the counters, the in-flight
     * dump and clean-up at stop), linked on first use: each downcall handle costs milliseconds
     * to build, and `ior record` should attach as soon as it can.
     */
    static final class AfterAttach {
        private AfterAttach() {}

        static final MethodHandle FIND_PROG = h("bpf_object__find_program_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
        static final MethodHandle ATTACH_ITER = h("bpf_program__attach_iter", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), true);
        static final MethodHandle LINK_FD = h("bpf_link__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle ITER_CREATE = h("bpf_iter_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
        static final MethodHandle LINK_DESTROY = h("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle MAP_LOOKUP = h("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
        static final MethodHandle OBJ_CLOSE = h("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS), false);
    }

    /** Throws MissingLibraryException (with the package to install) when libbpf is absent. */
    static void ensureLoaded() {
        if (LIB == null) throw new MissingLibraryException();
    }

    static boolean isNull(MemorySegment p) {
        return p == null || p.address() == 0;
    }
}

package ior.recorder;

import java.nio.file.Path;
import java.util.List;

/** What `ior record` was asked to do, after parsing and validation. */
public record RecordOptions(
        Path output,
        long durationNs,          // 0 = until stopped
        List<Integer> pids,       // empty = no pid filter
        String comm,              // null = no comm filter
        String syscalls,          // null = all
        long maxSize,             // 0 = unlimited
        int rotate,               // 0 = no rotation
        long ringBytes,
        boolean snapshot,
        boolean quiet,
        boolean verbose,
        List<String> command,     // empty = none
        String commandLine,       // how ior was invoked, for the header
        Redactor redactor) {      // null = record strings as captured
}

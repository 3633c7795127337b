package ior.analyzer.cli;

import ior.bpf.Libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal, for the progress bars. Read from what fd 2 of this process
 * links to (a pty, a virtual console, a serial line: what isatty(2) says yes to), because
 * calling isatty through FFM links libc first: ~45 ms of the start of every analysis command,
 * on its main thread, for one yes or no (docs/benchmarks.md). Only the progress display depends
 * on it, never a result. Without /proc it asks libc after all.
 */
final class Tty {
    private Tty() {
    }

    static boolean stderr() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Libc.isatty(2);
        }
    }

    /** /dev/pts/N, /dev/ttyN, /dev/ttyS0, /dev/tty, /dev/console: terminals; pipes, files, /dev/null: not. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}

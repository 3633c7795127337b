package ior.analyzer.cli;

import ior.bpf.Libc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tty: what fd 2 links to, read as isatty(2) would answer (ProgressOnTerminalTest runs it on a real pty). */
class TtyTest {
    @Test
    void terminalsAreTheTerminalDevices() {
        for (String t : new String[] {"/dev/pts/0", "/dev/pts/17", "/dev/tty1", "/dev/ttyS0", "/dev/tty", "/dev/console"})
            assertTrue(Tty.isTerminalDevice(t), t);
        for (String t : new String[] {"pipe:[123456]", "socket:[99]", "/dev/null", "/tmp/err.txt", "/dev/ptmx", "/home/u/dev/pts/0", "anon_inode:[eventfd]"})
            assertFalse(Tty.isTerminalDevice(t), t);
    }

    @Test
    void agreesWithIsattyForThisProcess() {
        // whatever the test runner made of stderr (a pipe or a file here, a pty when run by hand)
        assertEquals(Libc.isatty(2), Tty.stderr());
    }
}

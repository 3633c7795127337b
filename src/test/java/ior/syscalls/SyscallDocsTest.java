package ior.syscalls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/syscalls.md must be exactly what SyscallDocs renders from the table, so the reference never drifts. */
class SyscallDocsTest {

    @Test
    void docsMatchTheTable() throws IOException {
        Path root = projectRoot();
        Path doc = root.resolve("docs/syscalls.md");
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        String expected = SyscallDocs.render(SyscallTable.x86_64());
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            String[] e = expected.split("\n", -1);
            String[] a = actual.split("\n", -1);
            int line = 0;
            while (line < e.length && line < a.length && e[line].equals(a[line])) {
                line++;
            }
            fail("docs/syscalls.md is out of date from line " + (line + 1) + ":\n  expected: "
                    + (line < e.length ? e[line] : "<end of file>") + "\n  found:    "
                    + (line < a.length ? a[line] : "<end of file>")
                    + "\nRegenerate it: java -cp recorder/target/classes ior.syscalls.SyscallDocs docs/syscalls.md");
        }
    }

    @Test
    void renderingNamesItsSource() {
        String md = SyscallDocs.render(SyscallTable.x86_64());
        assertTrue(md.contains(SyscallDocs.TABLE_PATH));
        assertTrue(md.contains("SyscallDocsTest"));
        assertTrue(md.contains("| 257 | `openat` | open | dirfd, path, flags, mode | `str(1)` | new_fd | 2 | yes |"), "a path: enter and exit");
        assertTrue(md.contains("| 0 | `read` | fd | fd, ptr, count |  | bytes_read | 1 |  |"), "no user memory: one record per call");
        assertTrue(md.contains("| 231 | `exit_group` |"), md);
        assertTrue(md.matches("(?s).*\\| 231 \\| `exit_group` \\|[^\n]*\\| none \\| 2 \\|.*"), "a call that never returns is its enter alone");
    }

    /** The ior.root system property (set by the test module's pom), else the nearest ancestor holding the BPF header. */
    static Path projectRoot() {
        String prop = System.getProperty("ior.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bpf/ior_records.h"))) {
                return dir;
            }
        }
        return fail("project root not found: set -Dior.root or run below the directory holding bpf/");
    }
}

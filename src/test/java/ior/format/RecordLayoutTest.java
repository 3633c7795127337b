package ior.format;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * bpf/ior_records.h is the one definition of the record layouts; this compiles it with gcc and
 * checks every offset Java reads (ior.format.Records) against what C lays out.
 */
class RecordLayoutTest {
    @TempDir
    Path dir;

    static Path root() {
        String r = System.getProperty("ior.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bpf/ior_records.h"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("project root (bpf/ior_records.h) not found");
        return p.normalize();
    }

    @Test
    void javaOffsetsMatchTheCHeader() throws IOException, InterruptedException {
        Path gcc = Path.of("/usr/bin/gcc");
        Assumptions.assumeTrue(Files.isExecutable(gcc), "SKIPPED LOUDLY: gcc missing, cannot check record layouts against bpf/ior_records.h");
        String c = """
                #include <stdio.h>
                #include <stddef.h>
                #include "ior_records.h"
                #define O(s, f) printf(#s "." #f "=%zu\\n", offsetof(struct s, f))
                #define S(s) printf(#s "=%zu\\n", sizeof(struct s))
                #define D(n) printf(#n "=%d\\n", n)
                int main(void) {
                  O(ior_hdr, ts); O(ior_hdr, tid); O(ior_hdr, type); O(ior_hdr, nr); S(ior_hdr);
                  O(ior_sys_enter, pid); O(ior_sys_enter, nargs); O(ior_sys_enter, flags); O(ior_sys_enter, items_len); O(ior_sys_enter, args);
                  O(ior_sys_exit, ret); S(ior_sys_exit);
                  O(ior_sys_call, pid); O(ior_sys_call, latency); O(ior_sys_call, ret); O(ior_sys_call, args); S(ior_sys_call);
                  O(ior_proc_fork, parent_pid); O(ior_proc_fork, child_pid); O(ior_proc_fork, child_tid); O(ior_proc_fork, flags); O(ior_proc_fork, comm); S(ior_proc_fork);
                  O(ior_proc_exec, pid); O(ior_proc_exec, old_tid); O(ior_proc_exec, filename_len); O(ior_proc_exec, argv_len); O(ior_proc_exec, comm); S(ior_proc_exec);
                  O(ior_proc_exit, pid); O(ior_proc_exit, exit_code); O(ior_proc_exit, flags); S(ior_proc_exit);
                  O(ior_task_rename, pid); O(ior_task_rename, comm); S(ior_task_rename);
                  O(ior_capture, nargs); O(ior_capture, flags); O(ior_capture, str_arg); O(ior_capture, in_arg); O(ior_capture, in_len_arg);
                  O(ior_capture, in_len); O(ior_capture, out_arg); O(ior_capture, out_len_arg); O(ior_capture, out_len); S(ior_capture);
                  O(ior_settings, self_pid); O(ior_settings, filter_pids); O(ior_settings, filter_comm);
                  O(ior_settings, target_comm); O(ior_settings, wakeup_bytes); O(ior_settings, clock_offset); S(ior_settings);
                  D(IOR_SYS_ENTER); D(IOR_SYS_EXIT); D(IOR_PROC_FORK); D(IOR_PROC_EXEC); D(IOR_PROC_EXIT); D(IOR_TASK_RENAME); D(IOR_SYS_CALL); D(IOR_CAP_PAIR); D(IOR_STAT_DROP_CALL);
                  D(IOR_ITEM_STR); D(IOR_ITEM_BUF); D(IOR_F_STR_TRUNC); D(IOR_F_READ_FAIL); D(IOR_F_COMPAT);
                  D(IOR_FORK_THREAD); D(IOR_FORK_SHARES_FILES); D(IOR_EXIT_GROUP_DEAD); D(IOR_CAP_TRACE); D(IOR_CAP_KEEP);
                  D(IOR_STAT_DROP_ENTER); D(IOR_STAT_DROP_EXIT); D(IOR_STAT_DROP_PROC); D(IOR_STAT_READ_FAIL); D(IOR_STAT_COUNT);
                  D(IOR_MAX_SYSCALLS); D(IOR_BUF_MAX); D(IOR_COMM_LEN); D(IOR_FORMAT_RECORDS);
                  return 0;
                }
                """;
        Files.writeString(dir.resolve("layout.c"), c);
        Process p = new ProcessBuilder("gcc", "-I", root().resolve("bpf").toString(), "-o", dir.resolve("layout").toString(), dir.resolve("layout.c").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        p = new ProcessBuilder(dir.resolve("layout").toString()).start();
        Map<String, Integer> v = new HashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] kv = line.split("=");
            v.put(kv[0], Integer.parseInt(kv[1]));
        }
        assertEquals(0, p.waitFor());

        assertEquals(Records.HDR_TS, v.get("ior_hdr.ts"));
        assertEquals(Records.HDR_TID, v.get("ior_hdr.tid"));
        assertEquals(Records.HDR_TYPE, v.get("ior_hdr.type"));
        assertEquals(Records.HDR_NR, v.get("ior_hdr.nr"));
        assertEquals(Records.HDR_SIZE, v.get("ior_hdr"));
        assertEquals(Records.ENTER_PID, v.get("ior_sys_enter.pid"));
        assertEquals(Records.ENTER_NARGS, v.get("ior_sys_enter.nargs"));
        assertEquals(Records.ENTER_FLAGS, v.get("ior_sys_enter.flags"));
        assertEquals(Records.ENTER_ITEMS_LEN, v.get("ior_sys_enter.items_len"));
        assertEquals(Records.ENTER_ARGS, v.get("ior_sys_enter.args"));
        assertEquals(Records.EXIT_RET, v.get("ior_sys_exit.ret"));
        assertEquals(Records.EXIT_ITEMS, v.get("ior_sys_exit"));
        assertEquals(Records.CALL_PID, v.get("ior_sys_call.pid"));
        assertEquals(Records.ENTER_PID, Records.CALL_PID, "readers take the pid of both at one offset");
        assertEquals(Records.CALL_LATENCY, v.get("ior_sys_call.latency"));
        assertEquals(Records.CALL_RET, v.get("ior_sys_call.ret"));
        assertEquals(Records.CALL_ARGS, v.get("ior_sys_call.args"));
        assertEquals(Records.CALL_ARGS, v.get("ior_sys_call"));
        assertEquals(Records.SYS_CALL, v.get("IOR_SYS_CALL"));
        assertEquals(Records.CAP_PAIR, v.get("IOR_CAP_PAIR"));
        assertEquals(Records.STAT_DROP_CALL, v.get("IOR_STAT_DROP_CALL"));
        assertEquals(Records.STAT_NAMES.length, Records.STAT_COUNT);
        assertEquals(Records.FORK_PARENT_PID, v.get("ior_proc_fork.parent_pid"));
        assertEquals(Records.FORK_CHILD_PID, v.get("ior_proc_fork.child_pid"));
        assertEquals(Records.FORK_CHILD_TID, v.get("ior_proc_fork.child_tid"));
        assertEquals(Records.FORK_FLAGS, v.get("ior_proc_fork.flags"));
        assertEquals(Records.FORK_COMM, v.get("ior_proc_fork.comm"));
        assertEquals(Records.FORK_SIZE, v.get("ior_proc_fork"));
        assertEquals(Records.EXEC_PID, v.get("ior_proc_exec.pid"));
        assertEquals(Records.EXEC_OLD_TID, v.get("ior_proc_exec.old_tid"));
        assertEquals(Records.EXEC_FILENAME_LEN, v.get("ior_proc_exec.filename_len"));
        assertEquals(Records.EXEC_ARGV_LEN, v.get("ior_proc_exec.argv_len"));
        assertEquals(Records.EXEC_COMM, v.get("ior_proc_exec.comm"));
        assertEquals(Records.EXEC_DATA, v.get("ior_proc_exec"));
        assertEquals(Records.PEXIT_PID, v.get("ior_proc_exit.pid"));
        assertEquals(Records.PEXIT_CODE, v.get("ior_proc_exit.exit_code"));
        assertEquals(Records.PEXIT_FLAGS, v.get("ior_proc_exit.flags"));
        assertEquals(Records.PEXIT_SIZE, v.get("ior_proc_exit"));
        assertEquals(Records.RENAME_PID, v.get("ior_task_rename.pid"));
        assertEquals(Records.RENAME_COMM, v.get("ior_task_rename.comm"));
        assertEquals(Records.RENAME_SIZE, v.get("ior_task_rename"));
        assertEquals(Records.CAP_NARGS, v.get("ior_capture.nargs"));
        assertEquals(Records.CAP_FLAGS, v.get("ior_capture.flags"));
        assertEquals(Records.CAP_STR_ARG, v.get("ior_capture.str_arg"));
        assertEquals(Records.CAP_IN_ARG, v.get("ior_capture.in_arg"));
        assertEquals(Records.CAP_IN_LEN_ARG, v.get("ior_capture.in_len_arg"));
        assertEquals(Records.CAP_IN_LEN, v.get("ior_capture.in_len"));
        assertEquals(Records.CAP_OUT_ARG, v.get("ior_capture.out_arg"));
        assertEquals(Records.CAP_OUT_LEN_ARG, v.get("ior_capture.out_len_arg"));
        assertEquals(Records.CAP_OUT_LEN, v.get("ior_capture.out_len"));
        assertEquals(Records.CAP_SIZE, v.get("ior_capture"));
        assertEquals(Records.SET_SELF_PID, v.get("ior_settings.self_pid"));
        assertEquals(Records.SET_FILTER_PIDS, v.get("ior_settings.filter_pids"));
        assertEquals(Records.SET_FILTER_COMM, v.get("ior_settings.filter_comm"));
        assertEquals(Records.SET_TARGET_COMM, v.get("ior_settings.target_comm"));
        assertEquals(Records.SET_WAKEUP_BYTES, v.get("ior_settings.wakeup_bytes"));
        assertEquals(Records.SET_CLOCK_OFFSET, v.get("ior_settings.clock_offset"));
        assertEquals(Records.SET_SIZE, v.get("ior_settings"));
        assertEquals(Records.SYS_ENTER, v.get("IOR_SYS_ENTER"));
        assertEquals(Records.SYS_EXIT, v.get("IOR_SYS_EXIT"));
        assertEquals(Records.PROC_FORK, v.get("IOR_PROC_FORK"));
        assertEquals(Records.PROC_EXEC, v.get("IOR_PROC_EXEC"));
        assertEquals(Records.PROC_EXIT, v.get("IOR_PROC_EXIT"));
        assertEquals(Records.TASK_RENAME, v.get("IOR_TASK_RENAME"));
        assertEquals(Records.ITEM_STR, v.get("IOR_ITEM_STR"));
        assertEquals(Records.ITEM_BUF, v.get("IOR_ITEM_BUF"));
        assertEquals(Records.F_STR_TRUNC, v.get("IOR_F_STR_TRUNC"));
        assertEquals(Records.F_READ_FAIL, v.get("IOR_F_READ_FAIL"));
        assertEquals(Records.F_COMPAT, v.get("IOR_F_COMPAT"));
        assertEquals(Records.FORK_THREAD, v.get("IOR_FORK_THREAD"));
        assertEquals(Records.FORK_SHARES_FILES, v.get("IOR_FORK_SHARES_FILES"));
        assertEquals(Records.EXIT_GROUP_DEAD, v.get("IOR_EXIT_GROUP_DEAD"));
        assertEquals(Records.CAP_TRACE, v.get("IOR_CAP_TRACE"));
        assertEquals(Records.CAP_KEEP, v.get("IOR_CAP_KEEP"));
        assertEquals(Records.STAT_DROP_ENTER, v.get("IOR_STAT_DROP_ENTER"));
        assertEquals(Records.STAT_DROP_EXIT, v.get("IOR_STAT_DROP_EXIT"));
        assertEquals(Records.STAT_DROP_PROC, v.get("IOR_STAT_DROP_PROC"));
        assertEquals(Records.STAT_READ_FAIL, v.get("IOR_STAT_READ_FAIL"));
        assertEquals(Records.STAT_COUNT, v.get("IOR_STAT_COUNT"));
        assertEquals(Records.MAX_SYSCALLS, v.get("IOR_MAX_SYSCALLS"));
        assertEquals(Records.BUF_MAX, v.get("IOR_BUF_MAX"));
        assertEquals(Records.COMM_LEN, v.get("IOR_COMM_LEN"));
        assertEquals(Records.LAYOUT_VERSION, v.get("IOR_FORMAT_RECORDS"));
    }
}

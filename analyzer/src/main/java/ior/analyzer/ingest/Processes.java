package ior.analyzer.ingest;

import ior.analyzer.util.IntIntMap;
import ior.format.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is who during the trace: thread -> process and thread -> name, and each process's life
 * (from the snapshot and the fork/exec/exit/rename records). Lookups per syscall are primitive;
 * objects are made only on lifecycle events.
 */
public final class Processes {
    public static final class Proc {
        public int pid;
        public Integer ppid;
        public String comm = "", exe = "", cmdline = "";
        public long startNs = -1, exitNs = -1;   // boot-clock ns
        public Integer exitCode, exitSignal;
        public boolean inSnapshot;
        public int threads;
    }

    private final IntIntMap tidComm = new IntIntMap(4096, -1);
    private final IntIntMap tidPid = new IntIntMap(4096, -1);
    private final List<String> comms = new ArrayList<>();
    private final Map<String, Integer> commIds = new HashMap<>();
    private final Map<Integer, Proc> procs = new LinkedHashMap<>();

    private int commId(String comm) {
        return commIds.computeIfAbsent(comm, c -> {
            comms.add(c);
            return comms.size() - 1;
        });
    }

    private Proc proc(int pid) {
        return procs.computeIfAbsent(pid, p -> {
            Proc x = new Proc();
            x.pid = p;
            return x;
        });
    }

    public void seed(Snapshot s) {
        for (Snapshot.Process p : s.processes()) {
            Proc x = proc(p.pid());
            x.ppid = p.ppid();
            x.comm = p.comm();
            x.exe = p.exe();
            x.cmdline = p.cmdline().replace('\0', ' ');
            x.startNs = p.startBootNs();
            x.inSnapshot = true;
            tidComm.put(p.pid(), commId(p.comm()));
            tidPid.put(p.pid(), p.pid());
        }
        for (Snapshot.Thread t : s.threads()) {
            tidComm.put(t.tid(), commId(t.comm()));
            tidPid.put(t.tid(), t.pid());
            proc(t.pid()).threads++;
        }
    }

    /** The id of the thread's comm in {@link #commNames()}, -1 when the thread was never seen named. */
    public int commId(int tid) {
        return tidComm.get(tid);
    }

    /** Every comm seen, indexed by id. */
    public List<String> commNames() {
        return comms;
    }

    /** A syscall of a thread we had not seen: remember its process so later records agree. */
    public void sawThread(int tid, int pid) {
        if (!tidPid.containsKey(tid)) {
            tidPid.put(tid, pid);
            Proc p = proc(pid);
            p.threads++;
            if (tidComm.get(tid) < 0) {
                int leader = tidComm.get(pid);
                if (leader >= 0) tidComm.put(tid, leader);
            }
        }
    }

    public void fork(long ts, int parentTid, int parentPid, int childPid, int childTid, boolean thread, String comm) {
        tidPid.put(childTid, childPid);
        tidComm.put(childTid, commId(comm));
        Proc p = proc(childPid);
        p.threads++;
        if (!thread) {
            p.ppid = parentPid;
            p.startNs = ts;
            p.comm = comm;
            Proc parent = procs.get(parentPid);
            if (parent != null) {
                p.exe = parent.exe;
                p.cmdline = parent.cmdline;
            }
        }
    }

    public void exec(long ts, int pid, String comm, String filename, String argv) {
        Proc p = proc(pid);
        p.comm = comm;
        p.exe = filename;
        p.cmdline = argv.replace('\0', ' ').strip();
        tidComm.put(pid, commId(comm));
        if (p.startNs < 0) p.startNs = ts;
    }

    public void exit(long ts, int pid, int tid, int code, boolean groupDead) {
        tidComm.remove(tid);
        tidPid.remove(tid);
        if (groupDead) {
            Proc p = proc(pid);
            p.exitNs = ts;
            if ((code & 0x7f) != 0) p.exitSignal = code & 0x7f;
            else p.exitCode = (code >> 8) & 0xff;
        }
    }

    public void rename(int pid, int tid, String comm) {
        tidComm.put(tid, commId(comm));
        if (pid == tid) proc(pid).comm = comm;
    }

    public Iterable<Proc> all() {
        return procs.values();
    }
}

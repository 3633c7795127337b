package ior.analyzer.fd;

import ior.format.Snapshot;
import ior.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** An FdState with a sink that keeps every lifetime, and helpers to replay calls as the ingest does. */
final class Harness implements FdSink {
    record Life(int pid, int fd, String path, FdKind kind, String family, String local, String peer,
                String openedBy, long openSeq, long openTs, long closeTs, String reason, int flags) {}

    final List<Life> lives = new ArrayList<>();
    final FdState fds = new FdState(SyscallTable.x86_64(), this);
    /** path and kind that resolve() gave for the last call, before apply. */
    String lastPath;
    FdKind lastKind;
    int lastFd;

    @Override
    public void fd(int pid, int fd, String path, FdKind kind, String family, String local, String peer,
                   String openedBy, long openSeq, long openTs, long closeTs, String closeReason, int flags) {
        lives.add(new Life(pid, fd, path, kind, family, local, peer, openedBy, openSeq, openTs, closeTs, closeReason, flags));
    }

    Harness seed(Snapshot s) {
        fds.seed(s);
        return this;
    }

    /** resolve then apply, as the ingest does. */
    TestCall run(TestCall c) {
        int h = fds.resolve(c);
        lastPath = fds.path(h);
        lastKind = fds.kind(h);
        lastFd = fds.fd(h);
        fds.apply(c);
        return c;
    }

    TestCall run(String name, int pid, long ret, long... args) {
        return run(new TestCall(name, pid, pid, args).ret(ret));
    }

    /** The path of fd in pid now (null when not open or unknown). */
    String path(int pid, int fd) {
        return fds.path(fds.lookup(pid, pid, fd));
    }

    FdKind kind(int pid, int fd) {
        return fds.kind(fds.lookup(pid, pid, fd));
    }

    boolean open(int pid, int fd) {
        return fds.lookup(pid, pid, fd) >= 0;
    }

    /** The only lifetime reported for (pid, fd). */
    Life life(int pid, int fd) {
        Life found = null;
        for (Life l : lives) {
            if (l.pid() == pid && l.fd() == fd) {
                if (found != null) throw new AssertionError("two lifetimes for " + pid + "/" + fd + ": " + found + ", " + l);
                found = l;
            }
        }
        assertNotNull(found, "no lifetime for " + pid + "/" + fd + " in " + lives);
        return found;
    }

    List<Life> lives(int pid, int fd) {
        return lives.stream().filter(l -> l.pid() == pid && l.fd() == fd).toList();
    }

    void assertNoLives() {
        assertEquals(List.of(), lives);
    }

    static Snapshot snapshot(int pid, String cwd, Snapshot.Fd... fds) {
        return new Snapshot(List.of(new Snapshot.Process(pid, 1, 0, 0, "p", "/bin/p", "p", cwd)),
                List.of(new Snapshot.Thread(pid, pid, "p")), List.of(fds));
    }
}

package ior.analyzer.fd;

import ior.analyzer.model.SyscallView;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A synthetic completed syscall: plain fields, with strings and structs in one segment. */
public final class TestCall implements SyscallView {
    private static long nextSeq = 1;

    final long seq;
    long enterTs;
    long exitTs;
    int pid;
    int tid;
    final int nr;
    final long[] args;
    boolean hasRet = true;
    long ret;

    private final MemorySegment seg = Arena.ofAuto().allocate(4096);
    private long used;
    private final long[] strOff = new long[6];
    private final int[] strLen = filled();
    private final long[] inOff = new long[6];
    private final int[] inLen = filled();
    private final long[] outOff = new long[6];
    private final int[] outLen = filled();
    private long lastStr;
    private long lastBuf;

    private static int[] filled() {
        int[] a = new int[6];
        Arrays.fill(a, -1);
        return a;
    }

    public TestCall(String name, int pid, int tid, long... args) {
        Syscall s = SyscallTable.x86_64().byName(name);
        if (s == null) throw new IllegalArgumentException(name);
        this.nr = s.nr();
        this.pid = pid;
        this.tid = tid;
        this.args = Arrays.copyOf(args, s.nargs());
        this.seq = nextSeq++;
        this.enterTs = seq * 100;
        this.exitTs = seq * 100 + 10;
    }

    public TestCall ret(long r) {
        ret = r;
        hasRet = true;
        return this;
    }

    TestCall noRet() {
        hasRet = false;
        exitTs = -1;
        return this;
    }

    public TestCall str(int arg, String s) {
        return str(arg, s.getBytes(StandardCharsets.UTF_8));
    }

    public TestCall str(int arg, byte[] b) {
        strOff[arg] = put(b);
        strLen[arg] = b.length;
        return this;
    }

    public TestCall in(int arg, byte[] b) {
        inOff[arg] = put(b);
        inLen[arg] = b.length;
        return this;
    }

    TestCall out(int arg, byte[] b) {
        outOff[arg] = put(b);
        outLen[arg] = b.length;
        return this;
    }

    /** Two ints, as pipe/socketpair return them. */
    TestCall outFds(int arg, int a, int b) {
        return out(arg, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).array());
    }

    private long put(byte[] b) {
        long at = used;
        MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, at, b.length);
        used += (b.length + 7) & ~7;
        return at;
    }

    @Override public long seq() { return seq; }
    @Override public long enterTs() { return enterTs; }
    @Override public long exitTs() { return exitTs; }
    @Override public int pid() { return pid; }
    @Override public int tid() { return tid; }
    @Override public int nr() { return nr; }
    @Override public int nargs() { return args.length; }
    @Override public long arg(int i) { return args[i]; }
    @Override public boolean hasRet() { return hasRet; }
    @Override public long ret() { return ret; }

    @Override
    public int str(int argIndex) {
        if (argIndex < 0 || argIndex >= 6 || strLen[argIndex] < 0) return -1;
        lastStr = strOff[argIndex];
        return strLen[argIndex];
    }

    @Override public MemorySegment strSegment() { return seg; }
    @Override public long strOffset() { return lastStr; }

    @Override
    public int in(int argIndex) {
        if (argIndex < 0 || argIndex >= 6 || inLen[argIndex] < 0) return -1;
        lastBuf = inOff[argIndex];
        return inLen[argIndex];
    }

    @Override
    public int out(int argIndex) {
        if (argIndex < 0 || argIndex >= 6 || outLen[argIndex] < 0) return -1;
        lastBuf = outOff[argIndex];
        return outLen[argIndex];
    }

    @Override public MemorySegment bufSegment() { return seg; }
    @Override public long bufOffset() { return lastBuf; }

    // ---- sockaddr builders ----

    public static byte[] inet(String dotted, int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 2);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        for (String p : dotted.split("\\.")) b.put((byte) Integer.parseInt(p));
        return b.array();
    }

    static byte[] inet6(int[] groups, int port, int scope) {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 10);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).putInt(0);
        for (int g : groups) b.putShort((short) g);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(scope);
        return b.array();
    }

    static byte[] unix(byte[] path) {
        ByteBuffer b = ByteBuffer.allocate(2 + path.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).put(path);
        return b.array();
    }

    static byte[] unix(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        return unix(Arrays.copyOf(p, p.length + 1)); // with its NUL, as addrlen usually counts it
    }
}

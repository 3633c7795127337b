package ior.recorder;

import ior.format.Snapshot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ior.format.Records.*;
import static ior.format.TraceFormat.*;

/**
 * What `ior record --redact REGEX`, `--no-paths` and `--no-args` keep out of the file. The same
 * rules apply to the header, the snapshot and every record, so a secret is masked wherever it
 * was seen.
 *
 * <ul>
 * <li>--no-paths: path strings (captured syscall strings, exec file names, AF_UNIX socket paths,
 * a process's exe and cwd, fd targets) become '*'.
 * <li>--no-args: command-line arguments (exec argv, the snapshot's cmdline, the command in the
 * header) become '*'.
 * <li>--redact REGEX: every match in any string the file carries (also comm names) becomes '*';
 * so does the pattern's own text (the header's command line contains it).
 * </ul>
 *
 * <p>Masking keeps every length (a byte becomes one '*'; NULs between arguments stay), so records
 * are edited in place and their layout is untouched. The pattern is matched against the bytes
 * read as ISO-8859-1, so it sees each byte as one character: ASCII patterns work as written.
 *
 * <p>Cost: without these options the recorder copies ring bytes verbatim and this class is not
 * used. With them, each chunk is copied once into a private buffer and its record headers are
 * walked; only string-bearing records are edited (see docs/reliability.md for the measurement).
 */
public final class Redactor {
    private static final byte MASK = '*';

    private final Pattern pattern;
    private final String patternText;
    private final boolean noPaths, noArgs;

    private Redactor(Pattern pattern, String patternText, boolean noPaths, boolean noArgs) {
        this.pattern = pattern;
        this.patternText = patternText;
        this.noPaths = noPaths;
        this.noArgs = noArgs;
    }

    /** Null when nothing is to be redacted (the recorder then copies frames verbatim). */
    public static Redactor of(String regex, boolean noPaths, boolean noArgs) {
        if (regex == null && !noPaths && !noArgs) return null;
        Pattern p = null;
        if (regex != null) {
            if (regex.isEmpty()) throw new UserException(ExitCodes.USAGE, "--redact: the pattern is empty");
            try {
                p = Pattern.compile(regex);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new UserException(ExitCodes.USAGE, "--redact: invalid regular expression: " + e.getDescription());
            }
            if (p.matcher("").matches()) throw new UserException(ExitCodes.USAGE, "--redact: the pattern matches the empty string");
        }
        return new Redactor(p, regex, noPaths, noArgs);
    }

    enum Kind { PATH, ARGS, OTHER }

    // ---- strings (header, snapshot) ----

    String string(String s, Kind kind) {
        if (s == null || s.isEmpty()) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (mask(buf, 0, b.length, kind)) return new String(b, StandardCharsets.UTF_8);
        return s;
    }

    /** The header with the command and the command line redacted. */
    public Map<String, String> header(Map<String, String> h) {
        for (String key : List.of("command", "command.line")) {
            String v = h.get(key);
            if (v == null) continue;
            if (patternText != null) v = v.replace(patternText, "*".repeat(patternText.length()));
            h.put(key, string(v, Kind.ARGS));
        }
        return h;
    }

    public Snapshot snapshot(Snapshot s) {
        List<Snapshot.Process> ps = new ArrayList<>();
        for (Snapshot.Process p : s.processes())
            ps.add(new Snapshot.Process(p.pid(), p.ppid(), p.uid(), p.startBootNs(), string(p.comm(), Kind.OTHER),
                    string(p.exe(), Kind.PATH), string(p.cmdline(), Kind.ARGS), string(p.cwd(), Kind.PATH)));
        List<Snapshot.Thread> ts = new ArrayList<>();
        for (Snapshot.Thread t : s.threads()) ts.add(new Snapshot.Thread(t.pid(), t.tid(), string(t.comm(), Kind.OTHER)));
        List<Snapshot.Fd> fs = new ArrayList<>();
        for (Snapshot.Fd f : s.fds()) {
            // a target like "socket:[1234]" or "pipe:[5]" is not a path; "/..." is, and so may the detail be (unix sockets)
            Kind target = f.target() != null && f.target().startsWith("/") ? Kind.PATH : Kind.OTHER;
            Kind detail = f.detail() != null && f.detail().contains("/") ? Kind.PATH : Kind.OTHER;
            fs.add(new Snapshot.Fd(f.pid(), f.fd(), f.flags(), f.pos(), string(f.target(), target), string(f.detail(), detail)));
        }
        return new Snapshot(ps, ts, fs);
    }

    // ---- records (chunks) ----

    /** Redacts the ring-buffer records in buf[0, len) in place. */
    public void records(ByteBuffer buf, int len) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + RB_HEADER_SIZE <= len) {
            int h = buf.getInt(pos);
            int l = h & RB_LEN_MASK;
            int total = (RB_HEADER_SIZE + l + 7) & ~7;
            if (total <= 0 || pos + total > len) return;
            int rec = pos + RB_HEADER_SIZE;
            pos += total;
            if ((h & (RB_BUSY | RB_DISCARD)) != 0 || l < HDR_SIZE) continue;
            switch (Short.toUnsignedInt(buf.getShort(rec + HDR_TYPE))) {
                case SYS_ENTER -> {
                    if (l < ENTER_ARGS) continue;
                    int nargs = Math.min(6, Byte.toUnsignedInt(buf.get(rec + ENTER_NARGS)));
                    int start = ENTER_ARGS + 8 * nargs;
                    items(buf, rec, start, Math.min(l, start + Short.toUnsignedInt(buf.getShort(rec + ENTER_ITEMS_LEN))));
                }
                case SYS_EXIT -> items(buf, rec, EXIT_ITEMS, l);
                case PROC_FORK -> field(buf, rec, FORK_COMM, COMM_LEN, l, Kind.OTHER);
                case TASK_RENAME -> field(buf, rec, RENAME_COMM, COMM_LEN, l, Kind.OTHER);
                case PROC_EXEC -> {
                    if (l < EXEC_DATA) continue;
                    int fl = Short.toUnsignedInt(buf.getShort(rec + EXEC_FILENAME_LEN));
                    int al = Short.toUnsignedInt(buf.getShort(rec + EXEC_ARGV_LEN));
                    field(buf, rec, EXEC_COMM, COMM_LEN, l, Kind.OTHER);
                    field(buf, rec, EXEC_DATA, fl, l, Kind.PATH);
                    field(buf, rec, EXEC_DATA + fl, al, l, Kind.ARGS);
                }
                default -> { }
            }
        }
    }

    private void items(ByteBuffer buf, int rec, int at, int end) {
        while (at + ITEM_HEADER <= end) {
            int kind = Byte.toUnsignedInt(buf.get(rec + at));
            if (kind != ITEM_STR && kind != ITEM_BUF) return;
            int n = Short.toUnsignedInt(buf.getShort(rec + at + 2));
            if (at + ITEM_HEADER + n > end) return;
            int data = rec + at + ITEM_HEADER;
            if (kind == ITEM_STR) mask(buf, data, n, Kind.PATH);
            else if (n > 2 && Short.toUnsignedInt(buf.getShort(data)) == 1 /* AF_UNIX */) mask(buf, data + 2, n - 2, Kind.PATH);
            else if (pattern != null) mask(buf, data, n, Kind.OTHER);
            at = (at + ITEM_HEADER + n + 3) & ~3;
        }
    }

    private void field(ByteBuffer buf, int rec, int off, int n, int recLen, Kind kind) {
        if (off >= recLen) return;
        mask(buf, rec + off, Math.min(n, recLen - off), kind);
    }

    /** Masks buf[off, off+n) by the rules for kind; true when a byte changed. */
    private boolean mask(ByteBuffer buf, int off, int n, Kind kind) {
        if (n <= 0) return false;
        boolean changed = false;
        if (kind == Kind.PATH && noPaths || kind == Kind.ARGS && noArgs) {
            for (int i = off; i < off + n; i++) {
                byte c = buf.get(i);
                if (c != 0 && c != MASK) {
                    buf.put(i, MASK);
                    changed = true;
                }
            }
            return changed;
        }
        if (pattern == null) return false;
        byte[] b = new byte[n];
        buf.get(off, b);
        Matcher m = pattern.matcher(new String(b, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) buf.put(off + i, MASK);
            changed |= m.end() > m.start();
        }
        return changed;
    }
}

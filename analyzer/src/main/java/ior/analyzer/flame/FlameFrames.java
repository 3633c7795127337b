package ior.analyzer.flame;

import java.util.List;

/**
 * The frames of one syscalls row, root first: [trace,] comm, syscall, then the path's directories
 * and file name, so directories that take the most bytes or time are wide. "/usr/lib/x.so" gives
 * "/usr/", "lib/", "x.so". A row without a path but with an fd ends in its kind ("[pipe]",
 * "[socket]"); things that are not paths (pipe:[12], 127.0.0.1:80) are one frame.
 */
final class FlameFrames {
    private FlameFrames() {}

    static void of(String trace, String comm, String syscall, String file, String fdKind, List<String> names, List<FrameKind> kinds) {
        names.clear();
        kinds.clear();
        if (trace != null) add(names, kinds, trace, FrameKind.TRACE);
        add(names, kinds, comm == null ? "?" : comm, FrameKind.PROCESS);
        add(names, kinds, syscall == null ? "?" : syscall, FrameKind.SYSCALL);
        if (file != null && !file.isEmpty()) {
            if (file.charAt(0) == '/') path(file, names, kinds);
            else add(names, kinds, file, FrameKind.OTHER);
        } else if (fdKind != null && !fdKind.isEmpty() && !"unknown".equals(fdKind)) {
            add(names, kinds, "[" + fdKind + "]", FrameKind.OTHER);
        }
    }

    /** Splits an absolute path into directory frames ending in '/' (the first also starting with one) and the file. */
    static void path(String p, List<String> names, List<FrameKind> kinds) {
        int n = p.length();
        int i = 0;
        boolean first = true;
        while (i < n) {
            while (i < n && p.charAt(i) == '/') i++;
            if (i >= n) break;
            int j = p.indexOf('/', i);
            if (j < 0) j = n;
            String part = p.substring(i, j);
            boolean dir = j < n && hasMore(p, j);
            String name = (first ? "/" : "") + part + (dir ? "/" : "");
            add(names, kinds, name, dir ? FrameKind.DIRECTORY : FrameKind.FILE);
            first = false;
            i = j;
        }
        if (first) add(names, kinds, "/", FrameKind.DIRECTORY); // the root itself
    }

    private static boolean hasMore(String p, int j) {
        for (int k = j; k < p.length(); k++) if (p.charAt(k) != '/') return true;
        return false;
    }

    private static void add(List<String> names, List<FrameKind> kinds, String name, FrameKind kind) {
        names.add(name);
        kinds.add(kind);
    }
}

package ior.analyzer.flame;

import ior.analyzer.chart.SafeText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flame graph: stacks of frames (root first) with integer weights, merged into a tree. Build it
 * with {@link #add} (or {@link FlameQuery} from a trace), then write it as folded stacks
 * ({@link #writeFolded}, for flamegraph.pl, inferno and speedscope) or as a self-contained
 * interactive SVG ({@link FlameSvg}).
 *
 * <p>Memory is one node per distinct stack prefix, not per row: a trace of 10M syscalls over 100k
 * files is 100k-odd leaves.
 */
public final class FlameGraph {
    /** One frame: its name, what it is, its total weight (itself and below) and its own weight. */
    public static final class Node {
        final String name;
        final FrameKind kind;
        long total;
        long self;
        Map<String, Node> children;

        Node(String name, FrameKind kind) {
            this.name = name;
            this.kind = kind;
        }

        public String name() {
            return name;
        }

        public FrameKind kind() {
            return kind;
        }

        public long total() {
            return total;
        }

        public long self() {
            return self;
        }

        /** Children in name order (the order flamegraph.pl draws them in, so graphs line up). */
        public List<Node> children() {
            if (children == null) return List.of();
            List<Node> l = new ArrayList<>(children.values());
            l.sort((a, b) -> a.name.compareTo(b.name));
            return l;
        }

        Node child(String name, FrameKind kind) {
            if (children == null) children = new HashMap<>();
            Node n = children.get(name);
            if (n == null) {
                n = new Node(name, kind);
                children.put(name, n);
            }
            return n;
        }
    }

    private final Node root = new Node("all", FrameKind.ROOT);
    private int maxDepth;

    /** Adds weight to the stack of frames (root first); weights of zero or less are ignored. */
    public void add(List<String> frames, List<FrameKind> kinds, long weight) {
        if (weight <= 0) return;
        if (kinds != null && kinds.size() != frames.size()) throw new IllegalArgumentException("frames and kinds differ in length");
        Node n = root;
        n.total = Math.addExact(n.total, weight);
        for (int i = 0; i < frames.size(); i++) {
            String name = frames.get(i);
            if (name == null || name.isEmpty()) name = "?";
            n = n.child(name, kinds == null ? FrameKind.OTHER : kinds.get(i));
            n.total = Math.addExact(n.total, weight);
        }
        n.self = Math.addExact(n.self, weight);
        maxDepth = Math.max(maxDepth, frames.size());
    }

    public void add(List<String> frames, long weight) {
        add(frames, null, weight);
    }

    public Node root() {
        return root;
    }

    /** The sum of all weights added. */
    public long total() {
        return root.total;
    }

    /** Frames below the root in the deepest stack. */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Writes one line per distinct stack, "frame;frame;frame weight", sorted by stack. Frame names
     * are escaped so every line parses back into the same frames: control characters (newlines
     * included) as \xHH, ';' as \x3b.
     */
    public void writeFolded(Appendable out) throws IOException {
        List<String> path = new ArrayList<>();
        folded(root, path, out);
    }

    private void folded(Node n, List<String> path, Appendable out) throws IOException {
        for (Node c : n.children()) {
            path.add(foldedName(c.name));
            if (c.self > 0) {
                out.append(String.join(";", path)).append(' ').append(Long.toString(c.self)).append('\n');
            }
            folded(c, path, out);
            path.removeLast();
        }
    }

    /** A frame name as it appears in folded output. */
    public static String foldedName(String name) {
        String v = SafeText.of(name);
        return v.indexOf(';') < 0 ? v : v.replace(";", "\\x3b");
    }

    /** The stacks as (frames, weight) pairs, for tests and other writers. */
    public Map<List<String>, Long> stacks() {
        Map<List<String>, Long> out = new HashMap<>();
        collect(root, new ArrayList<>(), out);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Node n, List<String> path, Map<List<String>, Long> out) {
        for (Node c : n.children()) {
            path.add(c.name);
            if (c.self > 0) out.put(List.copyOf(path), c.self);
            collect(c, path, out);
            path.removeLast();
        }
    }
}

package ior.analyzer.flame;

import ior.analyzer.chart.SafeText;
import ior.analyzer.chart.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws a {@link FlameGraph} as one self-contained SVG: frames as rectangles with their labels,
 * a tooltip per frame, and inline CSS and JavaScript (hover details, click to zoom, search, reset)
 * with nothing loaded from anywhere. Root at the bottom, children in name order, as flamegraph.pl
 * draws them. Frames narrower than {@link Options#minWidthPx} are left out (their weight stays in
 * their parent), which bounds the size of the file whatever the size of the trace.
 *
 * <p>Every name is made safe ({@link SafeText}) and XML-escaped; no trace data reaches the script,
 * which reads names from the document.
 */
public final class FlameSvg {
    private FlameSvg() {}

    static final int FRAME_H = 16, PAD = 10, FONT = 12;
    static final double CHAR_W = FONT * 0.59;
    private static final AtomicInteger IDS = new AtomicInteger();

    /**
     * @param title    first line; null for "Flame graph: WEIGHT"
     * @param subtitle second line (what the frames are, the filter); may be null
     * @param caveat   a red line, e.g. lost events; may be null
     * @param unit     how weights read in tooltips (bytes, ns, count)
     * @param weightName what the width measures ("bytes", "calls"), for the tooltip
     */
    public record Options(String title, String subtitle, String caveat, Unit unit, String weightName, int width, double minWidthPx) {
        public static Options of(FlameWeight w) {
            return new Options(null, null, null, w.unit(), w.label(), 1200, 0.1);
        }

        public Options withTitle(String t) { return new Options(t, subtitle, caveat, unit, weightName, width, minWidthPx); }
        public Options withSubtitle(String t) { return new Options(title, t, caveat, unit, weightName, width, minWidthPx); }
        public Options withCaveat(String t) { return new Options(title, subtitle, t, unit, weightName, width, minWidthPx); }
        public Options withWidth(int w) { return new Options(title, subtitle, caveat, unit, weightName, w, minWidthPx); }
    }

    /** A standalone SVG document. */
    public static String document(FlameGraph g, Options o) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + element(g, o, "ior-flame-" + IDS.incrementAndGet()) + "\n";
    }

    /** One {@code <svg>} element for an HTML page; the id (letters, digits, '-', '_') scopes its script and styles. */
    public static String element(FlameGraph g, Options o, String id) {
        if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) throw new IllegalArgumentException("bad SVG id: " + id);
        int width = Math.max(200, Math.min(o.width(), 8000));
        double inner = width - 2.0 * PAD;
        long total = g.total();
        List<Frame> frames = new ArrayList<>();
        layout(g.root(), 0, 0, "", total, inner, Math.max(o.minWidthPx(), 0), frames);
        int maxDepth = 0;
        for (Frame f : frames) maxDepth = Math.max(maxDepth, f.depth);

        String title = o.title() != null ? o.title() : "Flame graph: " + o.weightName();
        int y = 24;
        StringBuilder head = new StringBuilder();
        head.append("<text class=\"title\" x=\"").append(PAD).append("\" y=\"").append(y).append("\">").append(SafeText.xml(title)).append("</text>\n");
        if (o.subtitle() != null && !o.subtitle().isBlank()) {
            y += 18;
            head.append("<text class=\"sub\" x=\"").append(PAD).append("\" y=\"").append(y).append("\">").append(SafeText.xml(o.subtitle())).append("</text>\n");
        }
        if (o.caveat() != null && !o.caveat().isBlank()) {
            y += 17;
            head.append("<text class=\"caveat\" x=\"").append(PAD).append("\" y=\"").append(y).append("\">").append(SafeText.xml(o.caveat())).append("</text>\n");
        }
        y += 22;
        head.append("<text class=\"button reset hidden\" x=\"").append(PAD).append("\" y=\"").append(y).append("\">Reset zoom</text>\n");
        head.append("<text class=\"button clear hidden\" x=\"").append(PAD + 90).append("\" y=\"").append(y).append("\">Clear search</text>\n");
        head.append("<text class=\"matched\" x=\"").append(width / 2).append("\" y=\"").append(y).append("\" text-anchor=\"middle\"></text>\n");
        head.append("<text class=\"button search\" x=\"").append(width - PAD).append("\" y=\"").append(y).append("\" text-anchor=\"end\">Search</text>\n");
        int top = y + 10;
        int rows = maxDepth + 1;
        int height = top + rows * FRAME_H + 34;

        StringBuilder sb = new StringBuilder(256 + frames.size() * 220);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" id=\"").append(id).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" data-pad=\"").append(PAD).append("\" data-inner=\"").append(num(inner)).append("\" data-total=\"").append(total)
                .append("\" data-weight=\"").append(SafeText.xml(o.weightName())).append("\">\n");
        sb.append("<style><![CDATA[\n").append(resource("flame.css").replace("#FG", "#" + id)).append("]]></style>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        sb.append(head);
        for (Frame f : frames) {
            double fy = top + (rows - 1 - f.depth) * FRAME_H;
            String name = SafeText.of(f.node.name());
            String full = SafeText.of(f.full);
            double pct = total == 0 ? 0 : 100.0 * f.node.total() / total;
            String tip = full + " — " + o.unit().formatExact(f.node.total()) + (o.unit() == Unit.COUNT ? " " + o.weightName() : "")
                    + String.format(Locale.ROOT, " (%.2f%%)", pct);
            sb.append("<g class=\"f\" data-s=\"").append(f.start).append("\" data-w=\"").append(f.node.total()).append("\" data-d=\"").append(f.depth)
                    .append("\" data-n=\"").append(SafeText.xml(name)).append('"');
            if (!full.equals(name)) sb.append(" data-p=\"").append(SafeText.xml(full)).append('"');
            sb.append("><title>").append(SafeText.xml(tip)).append("</title>");
            sb.append("<rect x=\"").append(num(PAD + f.x)).append("\" y=\"").append(num(fy)).append("\" width=\"").append(num(f.w))
                    .append("\" height=\"").append(FRAME_H - 1).append("\" rx=\"2\" fill=\"").append(color(f.node)).append("\"/>");
            sb.append("<text x=\"").append(num(PAD + f.x + 3)).append("\" y=\"").append(num(fy + FRAME_H - 4.5)).append("\">")
                    .append(SafeText.xml(fit(name, f.w))).append("</text></g>\n");
        }
        sb.append("<text class=\"details\" x=\"").append(PAD).append("\" y=\"").append(height - 12).append("\"> </text>\n");
        String js = resource("flame.js");
        if (js.contains("]]>")) throw new IllegalStateException("flame.js must not contain ]]>");
        sb.append("<script type=\"text/ecmascript\"><![CDATA[\n").append(js).append("('").append(id).append("');\n]]></script>\n");
        sb.append("</svg>");
        return sb.toString();
    }

    /** A frame as laid out: its node, depth (0 = root), start in weight units, x and width in pixels. */
    private record Frame(FlameGraph.Node node, int depth, long start, double x, double w, String full) {}

    private static void layout(FlameGraph.Node n, int depth, long start, String parentPath, long total, double inner, double min, List<Frame> out) {
        double w = total == 0 ? inner : inner * n.total() / total;
        if (w < min && depth > 0) return;
        String full = fullName(n, parentPath);
        out.add(new Frame(n, depth, start, total == 0 ? 0 : inner * start / total, w, full));
        long s = start;
        String childParent = n.kind() == FrameKind.DIRECTORY ? full : "";
        for (FlameGraph.Node c : n.children()) {
            layout(c, depth + 1, s, childParent, total, inner, min, out);
            s += c.total();
        }
    }

    /** Directories and files show their whole path: "/usr/" + "lib/" + "x.so" is "/usr/lib/x.so". */
    private static String fullName(FlameGraph.Node n, String parentPath) {
        return switch (n.kind()) {
            case DIRECTORY, FILE -> parentPath + n.name();
            default -> n.name();
        };
    }

    static String fit(String name, double width) {
        int n = (int) Math.floor((width - 6) / CHAR_W);
        if (n < 3) return "";
        return name.length() <= n ? name : name.substring(0, n - 2) + "..";
    }

    /** Colour families by kind, the shade from the name so a frame keeps its colour between graphs. */
    static String color(FlameGraph.Node n) {
        int h = n.name().hashCode();
        double v1 = ((h >>> 8) & 0xff) / 255.0, v2 = (h & 0xff) / 255.0;
        int r, g, b;
        switch (n.kind()) {
            case ROOT -> { r = 200; g = 200; b = 200; }
            case TRACE -> { r = 170 + (int) (40 * v1); g = 150 + (int) (40 * v2); b = 225 + (int) (25 * v1); }
            case PROCESS -> { r = 80 + (int) (60 * v1); g = 160 + (int) (50 * v2); b = 215 + (int) (35 * v1); }
            case SYSCALL -> { r = 90 + (int) (70 * v1); g = 190 + (int) (50 * v2); b = 90 + (int) (60 * v1); }
            case DIRECTORY -> { r = 235 + (int) (20 * v1); g = 150 + (int) (70 * v2); b = 40 + (int) (40 * v1); }
            case FILE -> { r = 220 + (int) (35 * v1); g = 70 + (int) (80 * v2); b = 45 + (int) (40 * v1); }
            default -> { r = 160 + (int) (40 * v1); g = 170 + (int) (40 * v2); b = 185 + (int) (40 * v1); }
        }
        return "rgb(" + r + "," + g + "," + b + ")";
    }

    private static String num(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String resource(String name) {
        try (InputStream in = FlameSvg.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

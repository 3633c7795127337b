package ior.analyzer.chart;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.title.TextTitle;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Draws charts from tabular data, as SVG (vector, with hover tooltips, for files and inline in
 * HTML) or PNG. The entry point for the command line ({@code ior chart}), the REPL ({@code .chart})
 * and reports:
 *
 * <pre>{@code
 * TabularData data = Charts.query(connection, "SELECT file, sum(bytes) AS bytes FROM syscalls GROUP BY 1 ORDER BY 2 DESC LIMIT 20");
 * ChartSpec spec = ChartSpec.of(ChartType.BAR).title("Files by bytes").build();
 * String svg = Charts.svgElement(spec, data);   // <svg ...>...</svg> for an HTML page
 * Charts.write(spec, data, Path.of("files.png")); // .png or .svg by extension
 * }</pre>
 *
 * Text from the data (labels, series, tooltips) is made safe ({@link SafeText}): the SVG is
 * well-formed XML whatever a file name holds. Runs headless (sets java.awt.headless when unset).
 */
public final class Charts {
    private Charts() {}

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // Rotated labels (y axis titles) through Graphics2D.drawString, so SVG keeps them as <text>
        // a reader can search and copy, not glyph outlines; the workaround is for JDK bugs long fixed.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Runs a query and keeps its result for charting (at most {@link TabularData#DEFAULT_MAX_ROWS} rows). */
    public static TabularData query(Connection c, String sql) throws SQLException {
        return query(c, sql, TabularData.DEFAULT_MAX_ROWS);
    }

    public static TabularData query(Connection c, String sql, int maxRows) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return TabularData.from(rs, maxRows);
        }
    }

    /** The chart as JFreeChart builds it (text made safe for raster output), for callers that draw it themselves. */
    public static JFreeChart chart(ChartSpec spec, TabularData data) {
        return build(spec, data, SafeText::of).chart();
    }

    /** An SVG document (XML declaration and one {@code <svg>} element). */
    public static String svg(ChartSpec spec, TabularData data) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement(spec, data) + "\n";
    }

    /** One {@code <svg>} element to put inside an HTML page; its ids are unique within this JVM. */
    public static String svgElement(ChartSpec spec, TabularData data) {
        return svgElement(spec, data, "ior-chart-" + IDS.incrementAndGet());
    }

    /** One {@code <svg>} element whose id, and the prefix of every id inside it, is id (letters, digits, '-', '_'). */
    public static String svgElement(ChartSpec spec, TabularData data, String id) {
        if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) throw new IllegalArgumentException("bad SVG id: " + id);
        Built b = build(spec, data, SafeText::forJFreeSvg);
        SVGGraphics2D g2 = new SVGGraphics2D(b.width(), b.height());
        g2.setDefsKeyPrefix(id + "-");
        // two decimals are a hundredth of a pixel: files a third smaller than Ryu's 17 digits
        g2.setGeomDoubleConverter(org.jfree.svg.SVGUtils.createDoubleConverter(2));
        g2.setTransformDoubleConverter(org.jfree.svg.SVGUtils.createDoubleConverter(4));
        ChartRenderingInfo info = new ChartRenderingInfo();
        b.chart().draw(g2, new Rectangle2D.Double(0, 0, b.width(), b.height()), info);
        tooltips(g2, info.getEntityCollection());
        return g2.getSVGElement(id, true, new ViewBox(0, 0, b.width(), b.height()), null, null);
    }

    /** A PNG image, drawn by JFreeChart's own encoder. */
    public static byte[] png(ChartSpec spec, TabularData data) {
        Built b = build(spec, data, SafeText::of);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, b.chart(), b.width(), b.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public enum Format { SVG, PNG }

    /** The format a file name asks for (.svg or .png), or null. */
    public static Format formatOf(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".svg")) return Format.SVG;
        if (n.endsWith(".png")) return Format.PNG;
        return null;
    }

    /** Writes the chart to out as SVG or PNG by its extension, through a temp file renamed into place. */
    public static void write(ChartSpec spec, TabularData data, Path out) throws IOException {
        Format f = formatOf(out);
        if (f == null) throw new ChartException(out + ": the file name must end in .svg or .png");
        byte[] bytes = f == Format.SVG ? svg(spec, data).getBytes(StandardCharsets.UTF_8) : png(spec, data);
        writeAtomically(out, bytes);
    }

    /** Writes bytes to a temp file beside out and renames it over out, so no reader sees half a file. */
    public static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        // not Files.createTempFile: its 0600 would stick to the result; this one gets the umask's mode
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    record Built(JFreeChart chart, int width, int height) {}

    static Built build(ChartSpec spec, TabularData data, UnaryOperator<String> text) {
        Drawn d = switch (spec.type()) {
            case BAR -> BarChart.build(spec, data, text);
            case LINE -> LineChart.build(spec, data, text);
            case HISTOGRAM -> HistogramChart.build(spec, data, text);
            case HEATMAP -> HeatmapChart.build(spec, data, text);
            case TIMELINE -> TimelineChart.build(spec, data, text);
            case GANTT -> GanttChart.build(spec, data, text);
        };
        JFreeChart chart = d.chart();
        List<TextTitle> lines = new ArrayList<>();
        if (spec.title() != null && !spec.title().isBlank()) chart.setTitle(new TextTitle(text.apply(spec.title()), ChartStyle.TITLE));
        ChartStyle.apply(chart);
        if (spec.caveat() != null && !spec.caveat().isBlank()) lines.add(ChartStyle.subtitle(text.apply(spec.caveat()), true));
        List<String> sub = new ArrayList<>();
        if (spec.subtitle() != null && !spec.subtitle().isBlank()) sub.add(spec.subtitle());
        sub.addAll(d.notes());
        if (data.rowCount() == 0) sub.add("no rows: nothing to draw");
        if (!sub.isEmpty()) lines.add(ChartStyle.subtitle(text.apply(String.join(" · ", sub)), false));
        for (int i = 0; i < lines.size(); i++) chart.addSubtitle(i, lines.get(i));
        int h = spec.height() > 0 ? spec.height() : d.preferredHeight() > 0 ? d.preferredHeight() : ChartSpec.DEFAULT_HEIGHT;
        return new Built(chart, spec.widthOr(), h);
    }

    /**
     * JFreeChart's tooltips live in its rendering info, which an SVG does not carry: each item that
     * has one gets a transparent copy of its shape with a {@code <title>}, which browsers show on hover.
     */
    private static void tooltips(SVGGraphics2D g2, EntityCollection entities) {
        if (entities == null) return;
        Color clear = new Color(0, 0, 0, 0);
        for (Object o : entities.getEntities()) {
            ChartEntity e = (ChartEntity) o;
            String tip = e.getToolTipText();
            if (tip == null || tip.isEmpty()) continue;
            g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("class", "ior-tip"));
            g2.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, tip);
            g2.setPaint(clear);
            g2.fill(e.getArea());
            g2.setRenderingHint(SVGHints.KEY_END_GROUP, "true");
        }
    }
}

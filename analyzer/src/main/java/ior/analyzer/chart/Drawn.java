package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;

import java.util.List;

/**
 * A chart built from data, before the title and style are applied: the chart, the height it
 * wants (0: the default), and notes for the subtitle such as "30 of 120 rows shown".
 */
record Drawn(JFreeChart chart, int preferredHeight, List<String> notes) {
}

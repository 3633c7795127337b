package ior.analyzer.report;

/** The report's stylesheet: readable on a laptop, printable, no web fonts (the page works offline). */
public final class ReportStyle {
    private ReportStyle() {}

    public static final String CSS = """
            :root { --fg: #1d232a; --muted: #5b6672; --line: #dde2e7; --bg: #fff; --soft: #f5f7f9; --accent: #1f5fa8;
                    --high: #b3261e; --medium: #b26a00; --low: #49627a; --ok: #1e7a3a; }
            * { box-sizing: border-box; }
            html { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
            body { margin: 0 auto; max-width: 1180px; padding: 0 24px 64px; }
            header { border-bottom: 2px solid var(--line); padding: 24px 0 8px; }
            h1 { font-size: 1.6rem; margin: 0 0 4px; word-break: break-all; }
            h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 24px 0 8px; word-break: break-all; }
            h4 { font-size: .95rem; margin: 18px 0 4px; color: var(--muted); }
            .sub, .lead, .note, .quiet, figcaption { color: var(--muted); }
            .note { font-style: italic; }
            nav ol { columns: 4; margin: 8px 0; padding-left: 20px; }
            nav a { color: var(--accent); text-decoration: none; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
            dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-all; font-family: "DejaVu Sans Mono", monospace; font-size: .88rem; }
            .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 20px 0; }
            .kpi { background: var(--soft); border-radius: 6px; padding: 10px 12px; }
            .kpi .v { font-size: 1.25rem; font-weight: 600; } .kpi .k { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
            .caveat { border: 2px solid var(--high); background: #fdf0ef; border-radius: 6px; padding: 8px 16px; margin: 16px 0; }
            .caveat h3 { color: var(--high); margin-top: 8px; }
            .ok { color: var(--ok); font-weight: 600; }
            .finding { border-left: 4px solid var(--low); padding: 2px 16px 8px; margin: 18px 0; background: var(--soft); border-radius: 0 6px 6px 0; }
            .finding.sev-high { border-color: var(--high); } .finding.sev-medium { border-color: var(--medium); }
            .badge { display: inline-block; font-size: .72rem; text-transform: uppercase; color: #fff; border-radius: 3px; padding: 1px 6px; vertical-align: 2px; background: var(--low); }
            .badge.high { background: var(--high); } .badge.medium { background: var(--medium); }
            .threshold { font-size: .85rem; color: var(--muted); }
            .tw { overflow-x: auto; margin: 8px 0; }
            table { border-collapse: collapse; font-size: .84rem; width: 100%; }
            th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
            td { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
            th { background: var(--soft); font-weight: 600; white-space: nowrap; }
            .n { text-align: right; white-space: nowrap; }
            .null { color: #9aa5b1; font-style: italic; }
            .more { color: var(--accent); }
            pre { background: var(--soft); padding: 8px 12px; border-radius: 4px; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; word-break: break-all; }
            details summary { cursor: pointer; color: var(--accent); font-size: .85rem; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
            figure { margin: 0; } figure svg { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
            .flame svg { width: 100%; height: auto; }
            .two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            @media (max-width: 900px) { .charts, .two { grid-template-columns: 1fr; } nav ol { columns: 2; } }
            @media print { body { max-width: none; } nav { display: none; } .finding, figure, table { break-inside: avoid; } details { display: block; } details > * { display: block; } }
            """;
}

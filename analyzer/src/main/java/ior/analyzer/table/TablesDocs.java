package ior.analyzer.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders docs/tables.md from the table declarations; TablesDocsTest keeps the file in sync. */
public final class TablesDocs {
    private TablesDocs() {}

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Tables\n\n");
        sb.append("Generated from `analyzer/src/main/java/ior/analyzer/table/Tables.java` by `ior.analyzer.table.TablesDocs`;\n");
        sb.append("`TablesDocsTest` fails when this file and the declarations differ. Schema version ")
                .append(Tables.SCHEMA_VERSION).append(".\n\n");
        sb.append("`ior query TRACE -e SQL` runs DuckDB SQL over these tables. With several traces, every table\n");
        sb.append("also has `trace` (file name) and `host` (recording host) columns first.\n\n");
        for (TableDef t : Tables.ALL) {
            sb.append("## ").append(t.name()).append("\n\n").append(t.doc()).append("\n\n");
            if (t.hasView() && t.parts().isEmpty())
                sb.append("A view over the stored table `").append(t.storedName()).append("`: the columns marked *computed* follow from\n")
                        .append("stored ones at query time, so the ingest writes a narrower row (docs/benchmarks.md).\n\n");
            else if (t.hasView()) {
                sb.append("A view over the UNION ALL of the stored tables ").append(String.join(", ",
                        t.storedParts().stream().map(p -> "`" + p.storedName() + "` (" + p.columns().size() + " columns)").toList()));
                sb.append(":\neach row is stored in the narrowest one that holds every column it fills, and the view pads the\n")
                        .append("others with NULL").append(t.pads().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> ", `" + e.getKey() + "` with " + e.getValue()).collect(java.util.stream.Collectors.joining()))
                        .append(" (DuckDB's append costs about as much for a NULL as for a value). The columns\n")
                        .append("marked *computed* follow from stored ones at query time (docs/benchmarks.md). Rows come in no\n")
                        .append("particular order: ORDER BY seq (or time_ns) when order matters.\n\n");
            }
            sb.append("| column | type | meaning |\n|---|---|---|\n");
            for (Col c : t.publicColumns())
                sb.append("| ").append(c.name()).append(" | ").append(c.type()).append(" | ").append(c.stored() ? "" : "*computed*: ").append(c.doc().replace("|", "\\|")).append(" |\n");
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/tables.md"), render());
    }
}

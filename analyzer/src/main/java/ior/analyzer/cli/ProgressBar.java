package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.util.Units;

import java.io.PrintStream;
import java.nio.file.Path;

/** Ingest progress on stderr when it is a terminal, at most ten updates a second. */
public final class ProgressBar implements TraceCache.Progress {
    private final PrintStream err;
    private final boolean tty;
    private long lastNs;
    private boolean shown;

    public ProgressBar(PrintStream err, boolean quiet) {
        this.err = err;
        this.tty = !quiet && Tty.stderr();
    }

    @Override
    public void update(Path trace, long done, long total) {
        if (!tty) return;
        long now = System.nanoTime();
        if (done < total && now - lastNs < 100_000_000L) return;
        lastNs = now;
        int pct = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int bar = pct / 4;
        err.printf("\r\033[Kior: reading %s [%s%s] %3d%% %s/%s", ResultPrinter.visible(trace.getFileName().toString()),
                "#".repeat(bar), " ".repeat(25 - bar), pct, Units.bytes(done), Units.bytes(total));
        shown = true;
        if (done >= total) done();
    }

    public void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}

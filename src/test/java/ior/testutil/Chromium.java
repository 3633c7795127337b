package ior.testutil;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, to check that a page or SVG loads and its script runs as in a
 * person's browser. No network: background networking, updates and sync are off, and pages are
 * local files. Each run gets a fresh profile directory, removed afterwards.
 */
public final class Chromium {
    private Chromium() {}

    /** What a run printed: the DOM after scripts ran (with --dump-dom), and chromium's log. */
    public record Run(int exit, String dom, String log) {
        /** Console messages from the page (uncaught exceptions, console.error ...). */
        public List<String> consoleMessages() {
            List<String> out = new ArrayList<>();
            for (String l : log.split("\n")) if (l.contains(":CONSOLE") || l.contains("Uncaught")) out.add(l);
            return out;
        }
    }

    public static Path binary() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
            if (Files.isExecutable(Path.of(c))) return Path.of(c);
        return null;
    }

    /** Skips loudly without chromium; under CI (CI=true) fails: scripts/setup.sh installs it. */
    public static void assumeAvailable() {
        if (binary() != null) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("chromium is missing; scripts/setup.sh installs it");
        System.err.println("*** SKIPPING BROWSER TEST: chromium not installed (scripts/setup.sh installs it) ***");
        Assumptions.abort("SKIPPED LOUDLY: chromium not installed");
    }

    /** Loads url and prints the DOM after its scripts ran. */
    public static Run dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** Loads url and saves a screenshot of the window. */
    public static Run screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        return run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars", url));
    }

    private static Run run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ior-charts-chromium");
        File out = File.createTempFile("ior-chromium-out", ".txt"), err = File.createTempFile("ior-chromium-err", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-extensions", "--disable-default-apps", "--enable-logging=stderr", "--v=0",
                    "--user-data-dir=" + profile));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s: " + args);
            }
            return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8), Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}

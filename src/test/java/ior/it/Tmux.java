package ior.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal for tests of interactive commands: a detached tmux session (unique name)
 * running a command, driven with send-keys and read with capture-pane.
 */
final class Tmux implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String SOCKET = "ior-test-" + ProcessHandle.current().pid();

    static {
        // the server exits with its last session but leaves its socket file behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var dirs = Files.newDirectoryStream(Path.of(System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp")), "tmux-*")) {
                for (Path d : dirs) Files.deleteIfExists(d.resolve(SOCKET));
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }));
    }
    final String name;
    private final Path script;

    /** Starts cmd (argv, with env assignments first) in a 160x50 pane; "[exited N]" is printed when it ends. */
    Tmux(Path dir, List<String> env, List<String> cmd) throws IOException, InterruptedException {
        name = "ior-test-repl-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        script = dir.resolve(name + ".sh");
        StringBuilder sh = new StringBuilder("#!/bin/bash\ncd ").append(quote(IorRun.root().toString())).append('\n');
        sh.append("env");
        for (String e : env) sh.append(' ').append(quote(e));
        for (String c : cmd) sh.append(' ').append(quote(c));
        // keep the pane after the command ends, so its last output and exit status can be read
        sh.append("\necho \"[exited $?]\"\nsleep 300\n");
        Files.writeString(script, sh.toString(), StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            try {
                tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", "bash " + quote(script.toString()));
                return;
            } catch (IOException e) {
                // killing the last session makes the server exit; a client that reaches it meanwhile fails
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("server exited")) throw e;
                Thread.sleep(200);
            }
        }
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        // a server of the tests' own (socket named after this JVM): no other tmux user sees or disturbs it
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", SOCKET));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        if (p.exitValue() != 0) throw new IOException("tmux " + String.join(" ", args) + ": " + out);
        return out;
    }

    /**
     * Types text literally. tmux would take a ';' ending an argument as a command separator, so
     * semicolons go as their own hex key.
     */
    void type(String text) throws IOException, InterruptedException {
        String[] parts = text.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty()) tmux("send-keys", "-t", name, "-l", parts[i]);
            if (i < parts.length - 1) tmux("send-keys", "-t", name, "-H", "3b");
        }
    }

    /** Sends tmux key names: Enter, Tab, Up, C-c, C-d ... */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("send-keys", "-t", name));
        a.addAll(List.of(keys));
        tmux(a.toArray(String[]::new));
    }

    /** Types a line and presses Enter. */
    void line(String text) throws IOException, InterruptedException {
        type(text);
        keys("Enter");
    }

    /** The whole pane with its scrollback, trailing blank lines dropped (tmux also drops blanks ending a line). */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-1000", "-t", name).stripTrailing();
    }

    /** Waits (up to 60 s: a JVM start on a loaded machine) until the screen satisfies p; returns it. */
    String waitFor(String what, Predicate<String> p) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String s = screen();
        while (!p.test(s)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what + "; screen:\n" + s);
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    String waitFor(String text) throws IOException, InterruptedException {
        return waitFor("'" + text + "'", s -> s.contains(text));
    }

    /** Waits until text appears count times (a prompt after the n-th statement, say). */
    String waitForCount(String text, int count) throws IOException, InterruptedException {
        return waitFor(count + " x '" + text + "'", s -> occurrences(s, text) >= count);
    }

    static int occurrences(String s, String text) {
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + text.length())) n++;
        return n;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (System.getenv("IOR_TMUX_KEEP") != null) return;
        try {
            tmux("kill-session", "-t", name);
        } catch (IOException e) {
            // already gone
        }
        Files.deleteIfExists(script);
    }
}

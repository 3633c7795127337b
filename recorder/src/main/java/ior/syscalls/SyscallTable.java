package ior.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The syscall table of one architecture: numbers, names and what each call means to the recorder and the analyzer.
 * The x86_64 table is the resource {@code ior/syscalls/x86_64.tsv}; its header comment describes the columns.
 */
public final class SyscallTable {

    /** The column header line every table must have before its first row. */
    public static final String HEADER = "nr\tname\tnargs\tfamily\tkind\tret\targs\tcapture\tfdchange";

    private static final String X86_64_RESOURCE = "x86_64.tsv";

    /**
     * Other names of table entries. sendfile64 is the kernel's own name for sendfile (its entry point, tracefs event
     * and strace use it); the new* and umount names are the tracefs event names of the x86_64 calls stat, fstat,
     * lstat, uname and umount2, whose entry points are sys_newstat ... sys_umount.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "sendfile64", "sendfile",
            "newstat", "stat",
            "newfstat", "fstat",
            "newlstat", "lstat",
            "newuname", "uname",
            "umount", "umount2");

    private static volatile SyscallTable x86_64;

    private final List<Syscall> all;
    private final Syscall[] byNr;
    private final Map<String, Syscall> byName;
    private final Map<Family, List<Syscall>> byFamily;

    private SyscallTable(List<Syscall> rows) {
        List<Syscall> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Syscall::nr));
        all = List.copyOf(sorted);
        byNr = new Syscall[all.isEmpty() ? 0 : all.getLast().nr() + 1];
        byName = new HashMap<>();
        byFamily = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            byFamily.put(f, new ArrayList<>());
        }
        for (Syscall s : all) {
            byNr[s.nr()] = s;
            byName.put(s.name(), s);
            byFamily.get(s.family()).add(s);
        }
        byFamily.replaceAll((f, list) -> List.copyOf(list));
    }

    /** The x86_64 table, read from the class path once. A malformed resource fails every call with the same message. */
    public static SyscallTable x86_64() {
        SyscallTable t = x86_64;
        if (t == null) {
            synchronized (SyscallTable.class) {
                t = x86_64;
                if (t == null) {
                    t = x86_64 = load(X86_64_RESOURCE);
                }
            }
        }
        return t;
    }

    private static SyscallTable load(String resource) {
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("syscall table resource ior/syscalls/" + resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(r.lines().toList(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read syscall table " + resource, e);
        }
    }

    /**
     * Parses a table in the x86_64.tsv format.
     *
     * @param lines  the file's lines
     * @param source the name used in error messages
     * @throws IllegalArgumentException "source:line: problem" for the first malformed line
     */
    public static SyscallTable parse(List<String> lines, String source) {
        List<Syscall> rows = new ArrayList<>();
        Map<Integer, Integer> lineOfNr = new HashMap<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw error(source, lineNo, "expected the header line '" + HEADER.replace("\t", "\\t") + "'");
                }
                headerSeen = true;
                continue;
            }
            Syscall s;
            try {
                s = parseRow(line);
            } catch (IllegalArgumentException e) {
                throw error(source, lineNo, e.getMessage());
            }
            Integer prev = lineOfNr.putIfAbsent(s.nr(), lineNo);
            if (prev != null) {
                throw error(source, lineNo, "nr " + s.nr() + " already used on line " + prev);
            }
            prev = lineOfName.putIfAbsent(s.name(), lineNo);
            if (prev != null) {
                throw error(source, lineNo, "name " + s.name() + " already used on line " + prev);
            }
            if (ALIASES.containsKey(s.name())) {
                throw error(source, lineNo, "name " + s.name() + " is reserved as an alias of " + ALIASES.get(s.name()));
            }
            rows.add(s);
        }
        if (!headerSeen) {
            throw error(source, lines.size(), "no header line");
        }
        return new SyscallTable(rows);
    }

    private static IllegalArgumentException error(String source, int lineNo, String problem) {
        return new IllegalArgumentException(source + ":" + lineNo + ": " + problem);
    }

    private static Syscall parseRow(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("expected 9 tab-separated columns, found " + f.length);
        }
        int nr = parseInt("nr", f[0]);
        String name = f[1];
        int nargs = parseInt("nargs", f[2]);
        Family family = null;
        for (Family x : Family.values()) {
            if (x.displayName().equals(f[3])) family = x;
        }
        if (family == null) {
            throw new IllegalArgumentException("unknown family '" + f[3] + "'");
        }
        String kind = f[4];
        ReturnClass ret = ReturnClass.fromToken(f[5]);
        List<ArgRole> args = new ArrayList<>();
        if (!f[6].isEmpty() && !f[6].equals("-")) {
            for (String role : f[6].split(",", -1)) {
                args.add(ArgRole.fromToken(role));
            }
        }
        Capture capture = Capture.parse(f[7]);
        boolean fdChange = switch (f[8]) {
            case "y" -> true;
            case "n" -> false;
            default -> throw new IllegalArgumentException("fdchange must be y or n, not '" + f[8] + "'");
        };
        return new Syscall(nr, name, nargs, family, kind, ret, args, capture, fdChange);
    }

    private static int parseInt(String column, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a number");
        }
    }

    /** The syscall with this number, null when the number is unused or out of range. */
    public Syscall byNr(int nr) {
        return nr >= 0 && nr < byNr.length ? byNr[nr] : null;
    }

    /** The syscall with this table name or alias (sendfile64, newstat, ...), null when there is none. */
    public Syscall byName(String name) {
        Syscall s = byName.get(name);
        if (s == null && ALIASES.containsKey(name)) {
            s = byName.get(ALIASES.get(name));
        }
        return s;
    }

    /** All syscalls, by ascending number. */
    public List<Syscall> all() {
        return all;
    }

    /** The syscalls of one family, by ascending number. */
    public List<Syscall> family(Family family) {
        return byFamily.get(family);
    }

    /** The highest syscall number in the table, -1 when it is empty. */
    public int maxNr() {
        return byNr.length - 1;
    }

    /**
     * The syscall numbers a {@code --syscalls} spec selects: a comma-separated list of syscall names (or aliases) and
     * family names. Syscall names match exactly; families match ignoring case. Where the two collide ({@code time},
     * {@code security}) the lower-case word is the syscall and any other spelling ({@code Time}, {@code SECURITY}) the
     * family.
     *
     * @throws IllegalArgumentException "unknown syscall or family: X" for a word that is neither; also for a spec that
     *                                  names nothing
     */
    public BitSet select(String spec) {
        BitSet selected = new BitSet(byNr.length);
        boolean any = false;
        for (String part : spec.split(",")) {
            String word = part.strip();
            if (word.isEmpty()) {
                continue;
            }
            any = true;
            Syscall s = byName(word);
            if (s != null) {
                selected.set(s.nr());
                continue;
            }
            Optional<Family> family = Family.find(word);
            if (family.isEmpty()) {
                throw new IllegalArgumentException("unknown syscall or family: " + word);
            }
            for (Syscall member : byFamily.get(family.get())) {
                selected.set(member.nr());
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no syscall or family given");
        }
        return selected;
    }
}

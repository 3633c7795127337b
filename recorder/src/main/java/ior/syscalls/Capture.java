package ior.syscalls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user memory the BPF program copies for one syscall besides its raw arguments; this is what the recorder writes
 * into the {@code ior_capture} entry of that syscall number (bpf/ior_records.h).
 *
 * <p>In the syscall table a capture is written as comma-separated tokens ({@code -} for none):
 * <ul>
 *   <li>{@code str(N)}: the NUL-terminated string at arg N, read at enter (at most two);</li>
 *   <li>{@code in(N,LEN)} / {@code in(N,LEN,len=M)}: the struct at arg N, read at enter; LEN bytes, or the value of
 *       arg M capped at LEN;</li>
 *   <li>{@code out(N,LEN)} / {@code out(N,LEN,lenptr=M)}: the struct at arg N, read at exit when the call returned
 *       {@code >= 0}; LEN bytes, or the int that arg M points to, capped at LEN.</li>
 * </ul>
 *
 * @param strArgs      argument indices of captured strings, 0 to 2 of them
 * @param inArg        argument index of the struct read at enter, -1 for none
 * @param inLen        its fixed length, or the cap when {@code inLenArg} is set; 0 when there is none
 * @param inLenArg     the argument whose value is the length, -1 when {@code inLen} is fixed
 * @param outArg       argument index of the struct read at exit, -1 for none
 * @param outLen       its fixed length, or the cap when {@code outLenPtrArg} is set; 0 when there is none
 * @param outLenPtrArg the argument pointing at an int that holds the length, -1 when {@code outLen} is fixed
 */
public record Capture(int[] strArgs, int inArg, int inLen, int inLenArg, int outArg, int outLen, int outLenPtrArg) {

    /** Syscalls take at most six arguments. */
    public static final int MAX_ARGS = 6;
    /** Longest struct the BPF program copies: IOR_BUF_MAX in bpf/ior_records.h. */
    public static final int MAX_BUF = 128;
    /** Strings the BPF program reads per syscall: the two str_arg slots of struct ior_capture. */
    public static final int MAX_STRINGS = 2;

    public static final Capture NONE = new Capture(new int[0], -1, 0, -1, -1, 0, -1);

    private static final Pattern STR = Pattern.compile("str\\((\\d+)\\)");
    private static final Pattern IN = Pattern.compile("in\\((\\d+),(\\d+)(?:,len=(\\d+))?\\)");
    private static final Pattern OUT = Pattern.compile("out\\((\\d+),(\\d+)(?:,lenptr=(\\d+))?\\)");

    public Capture {
        strArgs = strArgs.clone();
        if (strArgs.length > MAX_STRINGS) {
            throw new IllegalArgumentException("at most " + MAX_STRINGS + " strings, got " + strArgs.length);
        }
        for (int i = 0; i < strArgs.length; i++) {
            checkArg("string", strArgs[i]);
            for (int j = 0; j < i; j++) {
                if (strArgs[j] == strArgs[i]) {
                    throw new IllegalArgumentException("string at arg " + strArgs[i] + " captured twice");
                }
            }
        }
        checkStruct("in", inArg, inLen, inLenArg);
        checkStruct("out", outArg, outLen, outLenPtrArg);
    }

    private static void checkArg(String what, int arg) {
        if (arg < 0 || arg >= MAX_ARGS) {
            throw new IllegalArgumentException(what + " arg index " + arg + " is outside 0.." + (MAX_ARGS - 1));
        }
    }

    private static void checkStruct(String what, int arg, int len, int lenArg) {
        if (arg == -1) {
            if (len != 0 || lenArg != -1) {
                throw new IllegalArgumentException(what + ": length given without an argument");
            }
            return;
        }
        checkArg(what, arg);
        if (len < 1 || len > MAX_BUF) {
            throw new IllegalArgumentException(what + ": length " + len + " is outside 1.." + MAX_BUF);
        }
        if (lenArg != -1) {
            checkArg(what + " length", lenArg);
            if (lenArg == arg) {
                throw new IllegalArgumentException(what + ": arg " + arg + " cannot be its own length");
            }
        }
    }

    /** The captured string argument indices (a copy). */
    @Override
    public int[] strArgs() {
        return strArgs.clone();
    }

    public boolean hasIn() {
        return inArg >= 0;
    }

    public boolean hasOut() {
        return outArg >= 0;
    }

    public boolean isNone() {
        return strArgs.length == 0 && !hasIn() && !hasOut();
    }

    /** The highest argument index this capture refers to, -1 when it refers to none. */
    public int maxArgIndex() {
        int max = Math.max(Math.max(inArg, inLenArg), Math.max(outArg, outLenPtrArg));
        for (int a : strArgs) {
            max = Math.max(max, a);
        }
        return max;
    }

    /**
     * Parses the table notation described on this class.
     *
     * @throws IllegalArgumentException naming the offending token when the text is malformed or breaks a limit
     */
    public static Capture parse(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.equals("-")) {
            return NONE;
        }
        List<Integer> strs = new ArrayList<>();
        int inArg = -1, inLen = 0, inLenArg = -1, outArg = -1, outLen = 0, outLenPtrArg = -1;
        for (String token : splitTopLevel(s)) {
            Matcher m;
            try {
                if ((m = STR.matcher(token)).matches()) {
                    strs.add(parseIndex(m.group(1)));
                } else if ((m = IN.matcher(token)).matches()) {
                    if (inArg != -1) {
                        throw new IllegalArgumentException("only one in(...) allowed");
                    }
                    inArg = parseIndex(m.group(1));
                    inLen = Integer.parseInt(m.group(2));
                    inLenArg = m.group(3) == null ? -1 : parseIndex(m.group(3));
                } else if ((m = OUT.matcher(token)).matches()) {
                    if (outArg != -1) {
                        throw new IllegalArgumentException("only one out(...) allowed");
                    }
                    outArg = parseIndex(m.group(1));
                    outLen = Integer.parseInt(m.group(2));
                    outLenPtrArg = m.group(3) == null ? -1 : parseIndex(m.group(3));
                } else {
                    throw new IllegalArgumentException("expected str(N), in(N,LEN[,len=M]) or out(N,LEN[,lenptr=M])");
                }
                if (strs.size() > MAX_STRINGS) {
                    throw new IllegalArgumentException("at most " + MAX_STRINGS + " str(...) allowed");
                }
                // Checks ranges and duplicates as the token is added, so the message can name it.
                new Capture(ints(strs),
                        inArg, inLen, inLenArg, outArg, outLen, outLenPtrArg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad capture token '" + token + "': " + e.getMessage(), e);
            }
        }
        return new Capture(ints(strs),
                inArg, inLen, inLenArg, outArg, outLen, outLenPtrArg);
    }

    private static int parseIndex(String digits) {
        int i = Integer.parseInt(digits);
        checkArg("capture", i);
        return i;
    }

    /** A loop, not a stream: the table is parsed when a recording starts, in cold code. */
    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    /** Splits at commas outside parentheses: {@code str(1),in(2,24)} is two tokens. */

    private static List<String> splitTopLevel(String s) {
        List<String> tokens = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("bad capture token '" + s.substring(start, i + 1)
                            + "': unbalanced ')'");
                }
            } else if (c == ',' && depth == 0) {
                tokens.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = s.substring(start).strip();
        if (depth != 0) {
            throw new IllegalArgumentException("bad capture token '" + last + "': unbalanced '('");
        }
        tokens.add(last);
        return tokens;
    }

    /** The table notation, e.g. {@code str(1),in(2,24)}; {@code -} for none. Parsing it gives an equal capture. */
    @Override
    public String toString() {
        List<String> tokens = new ArrayList<>();
        for (int a : strArgs) {
            tokens.add("str(" + a + ")");
        }
        if (hasIn()) {
            tokens.add("in(" + inArg + "," + inLen + (inLenArg >= 0 ? ",len=" + inLenArg : "") + ")");
        }
        if (hasOut()) {
            tokens.add("out(" + outArg + "," + outLen + (outLenPtrArg >= 0 ? ",lenptr=" + outLenPtrArg : "") + ")");
        }
        return tokens.isEmpty() ? "-" : String.join(",", tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capture c
                && Arrays.equals(strArgs, c.strArgs)
                && inArg == c.inArg && inLen == c.inLen && inLenArg == c.inLenArg
                && outArg == c.outArg && outLen == c.outLen && outLenPtrArg == c.outLenPtrArg;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(strArgs)
                + java.util.Objects.hash(inArg, inLen, inLenArg, outArg, outLen, outLenPtrArg);
    }
}

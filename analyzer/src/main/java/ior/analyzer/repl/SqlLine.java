package ior.analyzer.repl;

import ior.analyzer.db.SqlText;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * How JLine sees the input buffer: Enter runs it once every SQL statement in it ends with ';'
 * (else JLine shows the continuation prompt and the statement goes on, on the next line); a line
 * starting with '.' is a dot command and runs as it is. For completion the buffer is cut into
 * SQL words: names, numbers and the text of an unclosed 'string' (a file path, say).
 */
final class SqlLine implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !Session.isDotLine(line) && !SqlText.isComplete(line))
            throw new EOFError(-1, -1, "statement not finished: end it with ';'", ";");
        return words(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false; // backslashes are SQL text, not escapes
    }

    /**
     * The words of line up to the cursor; the last is the one being typed (empty after a
     * delimiter). The text after an unclosed quote is one word, marked quoted.
     */
    static Words words(String line, int cursor) {
        List<String> words = new ArrayList<>();
        boolean dot = Session.isDotLine(line);
        int end = Math.min(Math.max(cursor, 0), line.length());
        String current = "";
        boolean quoted = false;
        int i = 0;
        while (i < end) {
            char c = line.charAt(i);
            if (isDelimiter(c, dot)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '\'' || c == '"') {
                int close = line.indexOf(c, i + 1);
                if (close < 0 || close >= end) {
                    current = line.substring(i + 1, end);
                    quoted = true;
                    break;
                }
                words.add(line.substring(i + 1, close));
                i = close + 1;
                continue;
            }
            while (i < end && !isDelimiter(line.charAt(i), dot) && line.charAt(i) != '\'' && line.charAt(i) != '"') i++;
            if (i == end) {
                current = line.substring(start, end);
                break;
            }
            words.add(line.substring(start, i));
        }
        words.add(current);
        return new Words(line, cursor, words, words.size() - 1, current.length(), quoted);
    }

    private static boolean isDelimiter(char c, boolean dot) {
        return Character.isWhitespace(c) || (!dot && "(),;=<>+*/%|!".indexOf(c) >= 0);
    }

    /** A parsed buffer; candidates replace the current word's text before the cursor as they are. */
    record Words(String line, int cursor, List<String> words, int wordIndex, int wordCursor, boolean quoted) implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return wordCursor;
        }

        /** The word before the current one, or "" (FROM before a table name, say). */
        String previous() {
            return wordIndex > 0 ? words.get(wordIndex - 1) : "";
        }
    }
}

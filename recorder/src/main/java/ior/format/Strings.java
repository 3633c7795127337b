package ior.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes from the kernel are not always UTF-8: invalid bytes become \xHH so nothing is lost or guessed. */
public final class Strings {
    private Strings() {}

    public static String decode(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder(b.length + 16);
            int i = 0;
            while (i < b.length) {
                int c = b[i] & 0xff;
                int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
                if (n > 0 && i + n <= b.length && validTail(b, i, n)) {
                    sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                    i += n;
                } else {
                    sb.append(String.format("\\x%02x", c));
                    i++;
                }
            }
            return sb.toString();
        }
    }

    private static boolean validTail(byte[] b, int i, int n) {
        for (int k = 1; k < n; k++) if ((b[i + k] & 0xc0) != 0x80) return false;
        if (n == 1) return true;
        // reject overlong and surrogate forms via a strict decode of just this sequence
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, i, n));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

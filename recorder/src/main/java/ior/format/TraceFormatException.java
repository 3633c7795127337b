package ior.format;

import java.io.IOException;

/** The file is not a readable ior trace: the message says what is wrong and where. */
public final class TraceFormatException extends IOException {
    public TraceFormatException(String message) {
        super(message);
    }
}

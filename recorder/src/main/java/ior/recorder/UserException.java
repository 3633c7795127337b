package ior.recorder;

/**
 * An expected failure with a one-line message for the user and the exit code to leave with. The
 * command line prints "ior: message" and never a stack trace for these.
 */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

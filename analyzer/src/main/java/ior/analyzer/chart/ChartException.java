package ior.analyzer.chart;

/**
 * The data cannot be charted as asked (a missing column, text where a number is needed, too many
 * rows). The message is one line a user can act on; callers on the command line turn it into a
 * usage error.
 */
public final class ChartException extends RuntimeException {
    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}

package ior.recorder;

import ior.format.TraceFormatException;
import ior.format.TraceReader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a trace for a command, turning every way a file can be wrong into one clear line. */
public final class TraceInput {
    private TraceInput() {}

    /** Throws the user error for a path that cannot be a readable trace file. */
    public static void check(Path p) {
        if (!Files.exists(p)) throw new UserException(ExitCodes.BAD_INPUT, p + ": no such file");
        if (Files.isDirectory(p)) throw new UserException(ExitCodes.BAD_INPUT, p + ": is a directory, not a trace file");
        if (!Files.isReadable(p)) throw new UserException(ExitCodes.BAD_INPUT, p + ": permission denied");
    }

    public static TraceReader open(Path p) {
        check(p);
        try {
            return TraceReader.open(p);
        } catch (TraceFormatException e) {
            throw new UserException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserException(ExitCodes.BAD_INPUT, p + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserException(ExitCodes.BAD_INPUT, p + ": permission denied");
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, p + ": cannot read: " + e.getMessage());
        }
    }
}

package ior.analyzer.cli;

import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes what ior makes of a trace (reports, diffs): owner-only (traces reveal paths and command
 * lines), into a temp file beside the target renamed into place, so a reader never sees half.
 */
public final class PrivateFile {
    private PrivateFile() {}

    public static void write(Path out, String text) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw new UserException(ExitCodes.USAGE, out + ": is a directory; -o names the file to write");
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UserException(ExitCodes.WRITE_ERROR, out + ": cannot write: " + (String.valueOf(e.getMessage()).contains("No space") ? "disk full" : e.getMessage()));
        }
    }
}

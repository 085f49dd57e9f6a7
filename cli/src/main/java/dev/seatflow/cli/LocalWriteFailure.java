package dev.seatflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A local file could not be written (no such directory, no permission, disk full): always exit 7
 * ({@link ExitCode#LOCAL_ERROR}), never "not found" or "server unavailable", whatever the cause.
 */
public final class LocalWriteFailure extends UncheckedIOException {

    public LocalWriteFailure(String message, IOException cause) {
        super(message, cause);
    }
}

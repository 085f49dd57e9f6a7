package dev.seatflow.cli;

import dev.seatflow.client.SeatflowException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what went wrong into one line on standard error and an {@link ExitCode}: a person reads
 * the line, a script the code. Only an unexpected error shows its stack trace.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("seatflow: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        ExitCode exit;
        if (e instanceof SeatflowException failure) {
            exit = ExitCode.of(failure);
            err.println("seatflow: " + failure.getMessage() + hint(exit));
        } else if (e instanceof UncheckedIOException io) {
            exit = io.getCause() instanceof NoSuchFileException && !(io instanceof LocalWriteFailure) ? ExitCode.NOT_FOUND : ExitCode.LOCAL_ERROR;
            err.println("seatflow: " + io.getMessage() + ": " + io.getCause().getMessage());
        } else if (e instanceof IllegalArgumentException invalid) {
            exit = ExitCode.USAGE;
            err.println("seatflow: " + invalid.getMessage());
        } else {
            exit = ExitCode.LOCAL_ERROR;
            err.println("seatflow: unexpected error");
            e.printStackTrace(err);
        }
        err.flush();
        return exit.code();
    }

    private static String hint(ExitCode exit) {
        return exit == ExitCode.AUTH ? " (log in again: seatflow login)" : "";
    }
}

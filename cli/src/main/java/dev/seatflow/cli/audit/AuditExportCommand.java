package dev.seatflow.cli.audit;

import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.cli.ApiPath;
import dev.seatflow.cli.ExitCode;
import dev.seatflow.cli.LocalWriteFailure;
import dev.seatflow.client.SeatflowApi;
import dev.seatflow.client.SeatflowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads an export and keeps its signed manifest next to it, in the compliance job's layout
 * ({@code FILE.manifest.json}, {@code FILE.manifest.sig}), so that {@code audit verify} checks
 * either kind the same way. The file appears only once the download is complete, has as many rows
 * as the manifest says, and its manifest and signature lie beside it.
 */
@Command(name = "export", sortOptions = false, description = "Download the log for a time range, with its signed manifest.")
final class AuditExportCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParentCommand
    private AuditCommand audit;

    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "Start, e.g. 2026-01-01T00:00:00Z.")
    private Instant from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "End (at most the server's maximum range after --from).")
    private Instant to;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv",
            description = "jsonl (default) re-walks the hash chain offline; csv is for reading.")
    private String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the export.")
    private Path out;

    @Option(names = "--progress", description = "Show progress on standard error even when it is not a terminal.")
    private boolean progress;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        SeatflowApi api = audit.cli.api();
        String path = ApiPath.path("api/v1/audit-logs/export").with("from", from).with("to", to).with("format", format).toString();
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        SeatflowApi.Download download = api.download(path);
        try {
            byte[] manifest = Base64.getDecoder().decode(required(download, AuditExports.MANIFEST_HEADER));
            byte[] signature = Base64.getDecoder().decode(required(download, AuditExports.SIGNATURE_HEADER));
            Map<String, Object> fields = JSON.readValue(manifest, Map.class);
            long rows = ((Number) fields.get(AuditExports.ROW_COUNT)).longValue();
            Progress shown = progress || audit.cli.environment().stderrIsTerminal() ? Progress.to(audit.cli.output().err(), rows) : Progress.NONE;
            long copied;
            try {
                copied = copy(download.body(), partial, shown, format.equalsIgnoreCase("csv") ? 1 : 0);
            } catch (BrokeOff e) {
                // The server cuts a download off mid-body (a stalled reader, a restart): nothing complete-looking is kept.
                deleteQuietly(partial);
                throw new SeatflowException("the export download broke off: " + e.getCause().getMessage(), e.getCause());
            }
            if (copied != rows) {
                // The body ended cleanly but is not what the signed manifest describes: kept aside for a look, never as FILE.
                audit.cli.output().note("seatflow: the download has " + copied + " rows, its signed manifest says " + rows
                        + (copied < rows ? " (the answer ended early)" : "") + "; kept as " + partial + ", not moved to " + out);
                return (copied < rows ? ExitCode.UNAVAILABLE : ExitCode.VERIFICATION_FAILED).code();
            }
            // The manifest and signature first: FILE appears only complete, and with them beside it.
            AuditCommand.write(AuditExports.manifestFile(out), manifest);
            AuditCommand.write(AuditExports.signatureFile(out), signature);
            try {
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new LocalWriteFailure("cannot move " + partial + " to " + out, e);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", out.toString());
            answer.put("manifest", fields);
            audit.cli.output().answer(answer, "Exported " + rows + " rows of tenant " + fields.get(AuditExports.TENANT_ID) + " to " + out
                    + System.lineSeparator() + "Signed manifest: " + AuditExports.manifestFile(out) + " (signature "
                    + AuditExports.signatureFile(out).getFileName() + ", key " + fields.get(AuditExports.KEY_ID) + ")"
                    + System.lineSeparator() + "Verify offline: seatflow audit verify " + out + " --keys KEYS.json");
            return 0;
        } catch (LocalWriteFailure e) {
            deleteQuietly(partial);
            throw e;
        } finally {
            closeQuietly(download);
        }
    }

    /** Reading the body failed: the download broke off (exit 5), unlike a local write failure (exit 7). */
    private static final class BrokeOff extends RuntimeException {
        BrokeOff(IOException cause) {
            super(cause);
        }
    }

    /**
     * Copies the body, counting lines for the progress display ({@code headerLines} are not rows);
     * returns the rows copied. A failed read is {@link BrokeOff}, a failed write {@link LocalWriteFailure}.
     */
    private static long copy(InputStream body, Path file, Progress progress, int headerLines) {
        byte[] buffer = new byte[64 * 1024];
        long lines = -headerLines;
        try (OutputStream target = Files.newOutputStream(file)) {
            for (int read = read(body, buffer); read >= 0; read = read(body, buffer)) {
                target.write(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                progress.rows(Math.max(0, lines));
            }
        } catch (IOException e) {
            throw new LocalWriteFailure("cannot write " + file, e);
        }
        progress.done(Math.max(0, lines));
        return Math.max(0, lines);
    }

    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new BrokeOff(e);
        }
    }

    private static void closeQuietly(SeatflowApi.Download download) {
        try {
            download.close();
        } catch (IOException ignored) {
            // the answer is read or given up on; nothing more comes from it
        }
    }

    private static String required(SeatflowApi.Download download, String header) {
        return download.header(header).orElseThrow(() -> new SeatflowException(502, "manifest_missing",
                "the answer has no " + header + " header (is this a Seatflow gateway?)"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the partial download " + file, e);
        }
    }
}

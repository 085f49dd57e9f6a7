package dev.seatflow.cli.audit;

import dev.seatflow.cli.ApiPath;
import dev.seatflow.cli.LocalWriteFailure;
import dev.seatflow.cli.SeatflowCli;
import dev.seatflow.cli.output.Table;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's audit trail (admin+): queries, signed exports, and their offline verification. */
@Command(name = "audit", description = "Query and export the audit log; verify an export offline.",
        subcommands = {AuditExportCommand.class, AuditVerifyCommand.class})
public final class AuditCommand {

    private static final Table TABLE = Table.of(Table.field("SEQ", "sequence"), Table.field("TIME", "created_at"),
            Table.field("ACTION", "action"), Table.field("USER", "user_id"), Table.field("ROLE", "actor_role"),
            Table.field("RESOURCE", "resource_type"), Table.field("RESOURCE ID", "resource_id"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParentCommand
    SeatflowCli cli;

    @Command(name = "list", description = "Audit entries, newest first.")
    int list(@Option(names = "--action", paramLabel = "ACTION", description = "e.g. LICENSE_CREATED.") String action,
             @Option(names = "--user", paramLabel = "ID") String user,
             @Option(names = "--resource-type", paramLabel = "TYPE", description = "e.g. LICENSE, SESSION, TENANT.") String resourceType,
             @Option(names = "--resource-id", paramLabel = "ID") String resourceId,
             @Option(names = "--from", paramLabel = "INSTANT") Instant from,
             @Option(names = "--to", paramLabel = "INSTANT") Instant to,
             @Option(names = "--limit", paramLabel = "N", description = "Page size.") Integer limit,
             @Option(names = "--before", paramLabel = "SEQ", description = "next_before of the previous page.") Long before) {
        String path = ApiPath.path("api/v1/audit-logs").with("action", action).with("user_id", user).with("resource_type", resourceType)
                .with("resource_id", resourceId).with("from", from).with("to", to).with("limit", limit).with("before", before).toString();
        cli.output().page(cli.api().get(path), TABLE, "next_before", "--before");
        return 0;
    }

    @Command(name = "keys", description = {"The platform's published verification keys (GET /api/v1/licenses/public-key, no token).",
            "An auditor keeps them (--out) to verify exports offline with 'audit verify --keys'."})
    @SuppressWarnings("unchecked")
    int keys(@Option(names = "--out", paramLabel = "FILE", description = "Write the keys here instead of printing them.") Path out) {
        URI base = cli.baseUrl();
        if (!"https".equalsIgnoreCase(base.getScheme()) && !SeatflowCli.isLoopback(base)) {
            cli.output().note("warning: these keys come over plain " + base.getScheme() + " from " + base + ": anyone on the way could have"
                    + " replaced them, so they cannot be trusted to verify exports; fetch them over https (or compare them with the"
                    + " published keys) before relying on them");
        }
        Map<String, Object> keys = cli.anonymousApi().get("api/v1/licenses/public-key");
        if (out != null) {
            write(out, JSON.writeValueAsBytes(keys));
            cli.output().answer(Map.of("keys", out.toString()), "Keys written to " + out);
            return 0;
        }
        List<Map<String, Object>> list = (List<Map<String, Object>>) keys.getOrDefault("keys", List.of());
        cli.output().answer(keys, Table.of(Table.field("KEY ID", "key_id"), Table.field("ALGORITHM", "algorithm")).render(list)
                + "active: " + keys.get("active_key_id"));
        return 0;
    }

    static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new LocalWriteFailure("cannot write " + file, e);
        }
    }
}

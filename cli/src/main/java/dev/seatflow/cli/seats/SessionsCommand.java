package dev.seatflow.cli.seats;

import dev.seatflow.cli.ApiPath;
import dev.seatflow.cli.SeatflowCli;
import dev.seatflow.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Live sessions (seats in use) and releasing one for a user who cannot: {@code /api/v1/licenses/sessions}. */
@Command(name = "sessions", description = "List live sessions, release one.")
public final class SessionsCommand {

    private static final String PATH = "api/v1/licenses/sessions";
    private static final Table TABLE = Table.of(Table.field("ID", "id"), Table.field("LICENSE KEY", "license_key"),
            Table.field("USER", "user"), Table.field("HARDWARE", "hardware_id"), Table.field("STARTED", "started_at"),
            Table.field("LAST HEARTBEAT", "last_heartbeat_at"), Table.field("EXPIRES", "expires_at"));

    @ParentCommand
    private SeatflowCli cli;

    @Command(name = "list", description = "The tenant's live sessions, a page at a time.")
    int list(@Option(names = "--limit", paramLabel = "N", description = "Page size.") Integer limit,
             @Option(names = "--cursor", paramLabel = "CURSOR", description = "next_cursor of the previous page.") String cursor) {
        cli.output().page(cli.api().get(ApiPath.path(PATH).with("limit", limit).with("cursor", cursor).toString()), TABLE,
                "next_cursor", "--cursor");
        return 0;
    }

    @Command(name = "release", description = "End a session now; its seat is free again (a session already ended stays so).")
    int release(@Parameters(paramLabel = "ID") UUID id) {
        var released = cli.api().write("DELETE", PATH + "/" + id, null);
        // The server's message tells a release from one that found the session already ended.
        cli.output().answer(released, released.get("message") + ": session " + id + ", ended at " + released.get("ended_at"));
        return 0;
    }
}

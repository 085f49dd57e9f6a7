package dev.seatflow.cli.tenant;

import dev.seatflow.cli.SeatflowCli;
import dev.seatflow.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The tenant's settings: {@code GET/PATCH /api/v1/tenant}. */
@Command(name = "tenant", description = "Show or change the tenant's settings.")
public final class TenantCommand {

    private static final String PATH = "api/v1/tenant";

    @ParentCommand
    private SeatflowCli cli;

    @Command(name = "show", description = "The tenant's plan, limits and seat usage.")
    int show() {
        return print(cli.api().get(PATH));
    }

    @Command(name = "set", description = "Change settings: only the ones given change (owner).")
    int set(@Option(names = "--plan", paramLabel = "PLAN", description = "e.g. PRO (the API lists the plans).") String plan,
            @Option(names = "--max-seats", paramLabel = "N", description = "ENTERPRISE only.") Integer maxSeats,
            @Option(names = "--session-ttl-seconds", paramLabel = "N") Integer sessionTtl,
            @Option(names = "--offline-grace-seconds", paramLabel = "N") Integer offlineGrace,
            @Option(names = "--max-sessions-per-user", paramLabel = "N", description = "0: no limit.") Integer maxPerUser) {
        Map<String, Object> change = new LinkedHashMap<>();
        put(change, "plan", plan == null ? null : plan.toUpperCase(Locale.ROOT));
        put(change, "max_seats", maxSeats);
        put(change, "session_ttl_seconds", sessionTtl);
        put(change, "offline_grace_seconds", offlineGrace);
        put(change, "max_sessions_per_user", maxPerUser);
        if (change.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give at least one setting (see --help)");
        }
        return print(cli.api().write("PATCH", PATH, change));
    }

    private int print(Map<String, Object> tenant) {
        cli.output().answer(tenant, Table.details(tenant));
        return 0;
    }

    private static void put(Map<String, Object> change, String field, Object value) {
        if (value != null) {
            change.put(field, value);
        }
    }
}

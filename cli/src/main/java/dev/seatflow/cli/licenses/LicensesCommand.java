package dev.seatflow.cli.licenses;

import dev.seatflow.cli.ApiPath;
import dev.seatflow.cli.SeatflowCli;
import dev.seatflow.cli.output.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The tenant's licenses (admin+): {@code /api/v1/licenses}. */
@Command(name = "licenses", description = "List, create, change, activate, deactivate and delete licenses.")
public final class LicensesCommand {

    private static final String PATH = "api/v1/licenses";
    private static final Table TABLE = Table.of(Table.field("ID", "id"), Table.field("KEY", "key"), Table.field("TIER", "tier"),
            Table.field("ACTIVE", "is_active"), Table.field("EXPIRES", "expiry_date"), Table.field("MAX/USER", "max_sessions_per_user"),
            Table.field("FEATURES", "features"));

    /** Tiers are the server's to list: a tier it does not know is refused there (exit code 1). */
    private static final String TIER = "The license tier, e.g. PRO (the API lists them).";

    @ParentCommand
    private SeatflowCli cli;

    @Command(name = "list", description = "The tenant's licenses, a page at a time.")
    int list(@Option(names = "--limit", paramLabel = "N", description = "Page size.") Integer limit,
             @Option(names = "--cursor", paramLabel = "CURSOR", description = "next_cursor of the previous page.") String cursor) {
        cli.output().page(cli.api().get(ApiPath.path(PATH).with("limit", limit).with("cursor", cursor).toString()), TABLE,
                "next_cursor", "--cursor");
        return 0;
    }

    @Command(name = "create", description = "Create a license; its key is generated.")
    int create(@Option(names = "--tier", required = true, paramLabel = "TIER", description = TIER) String tier,
               @Option(names = "--expires", required = true, paramLabel = "INSTANT", description = "Expiry, e.g. 2027-12-31T00:00:00Z.") Instant expires,
               @Option(names = "--feature", paramLabel = "NAME", description = "A feature (repeat for several).") List<String> features,
               @Option(names = "--max-sessions-per-user", paramLabel = "N", description = "0: only the tenant's limit.") Integer maxPerUser) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tier", tier.toUpperCase(Locale.ROOT));
        body.put("expiry_date", expires.toString());
        body.put("features", features == null ? List.of() : features);
        put(body, "max_sessions_per_user", maxPerUser);
        return show(cli.api().write("POST", PATH, body));
    }

    @Command(name = "update", description = "Change a license: only the fields given change.")
    int update(@Parameters(paramLabel = "ID") UUID id,
               @Option(names = "--tier", paramLabel = "TIER", description = TIER) String tier,
               @Option(names = "--expires", paramLabel = "INSTANT") Instant expires,
               @Option(names = "--feature", paramLabel = "NAME", description = "The features (replace all; repeat for several).") List<String> features,
               @Option(names = "--max-sessions-per-user", paramLabel = "N") Integer maxPerUser) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "tier", tier == null ? null : tier.toUpperCase(Locale.ROOT));
        put(body, "expiry_date", expires == null ? null : expires.toString());
        put(body, "features", features);
        put(body, "max_sessions_per_user", maxPerUser);
        if (body.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give --tier, --expires, --feature or --max-sessions-per-user");
        }
        return show(cli.api().write("PATCH", PATH + "/" + id, body));
    }

    @Command(name = "activate", description = "Let a license's seats be taken again.")
    int activate(@Parameters(paramLabel = "ID") UUID id) {
        return show(cli.api().write("POST", PATH + "/" + id + "/activate", null));
    }

    @Command(name = "deactivate", description = "Stop a license: its live sessions end, no new ones start.")
    int deactivate(@Parameters(paramLabel = "ID") UUID id) {
        return show(cli.api().write("POST", PATH + "/" + id + "/deactivate", null));
    }

    @Command(name = "delete", description = "Delete a license.")
    int delete(@Parameters(paramLabel = "ID") UUID id) {
        return show(cli.api().write("DELETE", PATH + "/" + id, null));
    }

    private int show(Map<String, Object> license) {
        cli.output().answer(license, TABLE.render(List.of(license)));
        return 0;
    }

    private static void put(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}

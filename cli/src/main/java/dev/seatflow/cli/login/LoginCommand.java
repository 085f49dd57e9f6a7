package dev.seatflow.cli.login;

import dev.seatflow.cli.SeatflowCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Stores the token the other commands send, for the gateway it is for. In production an admin
 * gives a Firebase ID token ({@code --token}, or on standard input so that it stays out of the
 * shell history); against the local platform {@code --dev} mints one at {@code POST /dev/tokens}.
 */
@Command(name = "login", sortOptions = false,
        description = {"Store a token for the other commands (in $XDG_CONFIG_HOME/seatflow or ~/.config/seatflow, mode 0600).",
                "Without --token or --dev the token is read from standard input."})
public final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    private SeatflowCli cli;

    @ArgGroup(exclusive = true)
    private Source source;

    static final class Source {
        @Option(names = "--token", paramLabel = "TOKEN", description = "The bearer token (a Firebase ID token in production).")
        String token;

        @ArgGroup(exclusive = false)
        Dev dev;
    }

    static final class Dev {
        @Option(names = "--dev", required = true, description = "Mint a development token (local platform only: POST /dev/tokens).")
        boolean dev;

        @Option(names = "--tenant", required = true, paramLabel = "ID", description = "Tenant of the development token.")
        String tenant;

        @Option(names = "--role", defaultValue = "owner", paramLabel = "owner|admin|member|guest", description = "Role (default: ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--user", defaultValue = "cli-admin", paramLabel = "ID", description = "User id (default: ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--ttl-seconds", defaultValue = "3600", paramLabel = "N", description = "Token lifetime (default: ${DEFAULT-VALUE}).")
        int ttlSeconds;
    }

    @Override
    public Integer call() {
        String token = source == null ? readToken() : source.token != null ? source.token : mint(source.dev);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token given: pass --token, --dev or the token on standard input");
        }
        Path file = new Credentials(cli.baseUrl().toString(), token.strip()).save(cli.environment().configDir());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", cli.baseUrl().toString());
        answer.put("credentials", file.toString());
        cli.output().answer(answer, "Logged in to " + cli.baseUrl() + " (token stored in " + file + ")");
        return 0;
    }

    private String mint(Dev dev) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tenant_id", dev.tenant);
        request.put("user_id", dev.user);
        request.put("role", dev.role);
        request.put("ttl_seconds", dev.ttlSeconds);
        return (String) cli.anonymousApi().write("POST", "dev/tokens", request).get("token");
    }

    private String readToken() {
        try {
            return new BufferedReader(new InputStreamReader(cli.environment().stdin(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token from standard input", e);
        }
    }

    /** Forgets the stored token. */
    @Command(name = "logout", description = "Delete the stored token.")
    public static final class Logout implements Callable<Integer> {

        @ParentCommand
        private SeatflowCli cli;

        @Override
        public Integer call() {
            Credentials.delete(cli.environment().configDir());
            cli.output().answer(Map.of("logged_out", true), "Logged out");
            return 0;
        }
    }
}

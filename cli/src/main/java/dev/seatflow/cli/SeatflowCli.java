package dev.seatflow.cli;

import dev.seatflow.cli.audit.AuditCommand;
import dev.seatflow.cli.licenses.LicensesCommand;
import dev.seatflow.cli.login.Credentials;
import dev.seatflow.cli.login.LoginCommand;
import dev.seatflow.cli.output.Output;
import dev.seatflow.cli.seats.SeatsCommand;
import dev.seatflow.cli.seats.SessionsCommand;
import dev.seatflow.cli.tenant.TenantCommand;
import dev.seatflow.client.RetryPolicy;
import dev.seatflow.client.SeatflowApi;
import dev.seatflow.client.SeatflowException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code seatflow-cli.jar}: the admin CLI. Global options ({@code --url}, {@code --json}) are
 * accepted anywhere on the command line; every command reaches the API through {@link #api()} and
 * writes through {@link #output()}.
 */
@Command(name = "seatflow", usageHelpAutoWidth = true, sortOptions = false,
        description = "Seatflow admin CLI: licenses, sessions, seats, tenant settings and the audit log.",
        subcommands = {LoginCommand.class, LoginCommand.Logout.class, LicensesCommand.class, SessionsCommand.class,
                SeatsCommand.class, TenantCommand.class, AuditCommand.class},
        footer = {"%nEnvironment:", "  SEATFLOW_URL    gateway base URL (else the one logged in to, else " + SeatflowCli.DEFAULT_URL + ")",
                "  SEATFLOW_TOKEN  bearer token (else the one stored by login, sent only to the URL it was stored for)",
                "A token is sent over https only, or over http to 127.0.0.1, ::1 or localhost."})
public final class SeatflowCli implements Runnable {

    public static final String DEFAULT_URL = "http://127.0.0.1:8080/";

    /** Writes wait out overload briefly; an admin at a terminal would rather hear "unavailable" than wait long. */
    private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Gateway base URL (env SEATFLOW_URL).")
    private String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the server's JSON instead of tables (for scripts).")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show help and exit.")
    private boolean help;

    public SeatflowCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.ofProcess()).execute(args));
    }

    /** The CLI with its exit codes and error handling, ready to {@link CommandLine#execute}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine cli = new CommandLine(new SeatflowCli(environment)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.getCommandSpec().usageMessage().footer(concat(cli.getCommandSpec().usageMessage().footer(), ExitCode.describeAll()));
        Failures failures = new Failures();
        cli.setParameterExceptionHandler(failures);
        cli.setExecutionExceptionHandler(failures);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public CliEnvironment environment() {
        return environment;
    }

    public Output output() {
        return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
    }

    /** The gateway: --url, else SEATFLOW_URL, else the one logged in to, else the local platform's. */
    public URI baseUrl() {
        if (url != null) {
            return URI.create(url);
        }
        if (environment.variable("SEATFLOW_URL") != null) {
            return URI.create(environment.variable("SEATFLOW_URL"));
        }
        Credentials stored = Credentials.load(environment.configDir());
        return URI.create(stored != null && stored.url() != null ? stored.url() : DEFAULT_URL);
    }

    /** The API as the logged-in user: the token from SEATFLOW_TOKEN, else the one login stored for this URL ({@link #token()}). */
    public SeatflowApi api() {
        return SeatflowApi.create(baseUrl(), this::token, RETRIES);
    }

    /** The API without a token (public paths). */
    public SeatflowApi anonymousApi() {
        return SeatflowApi.create(baseUrl(), () -> null, RETRIES);
    }

    /**
     * The token for {@link #baseUrl()}: SEATFLOW_TOKEN, else the stored one, but only for the
     * gateway it was stored for (a token goes nowhere it was not meant for, whatever --url or a
     * stray SEATFLOW_URL says). Never over plain http, except to this machine (loopback).
     */
    private String token() {
        URI base = baseUrl();
        String token = environment.variable("SEATFLOW_TOKEN");
        if (token == null) {
            Credentials stored = Credentials.load(environment.configDir(), output()::note);
            if (stored == null || stored.token() == null) {
                throw new SeatflowException(401, "not_logged_in", "run 'seatflow login' or set SEATFLOW_TOKEN");
            }
            if (!sameGateway(stored.url(), base)) {
                throw new SeatflowException(401, "not_logged_in", "the stored token is for " + stored.url() + ", not " + base
                        + ": it is sent only to the gateway it was stored for; run 'seatflow login' for " + base + " or set SEATFLOW_TOKEN");
            }
            token = stored.token();
        }
        requireSafeTransport(base);
        return token;
    }

    /** Refuses a token over plain http unless the gateway is this machine (127.0.0.0/8, ::1, localhost). */
    static void requireSafeTransport(URI base) {
        if (!"https".equalsIgnoreCase(base.getScheme()) && !isLoopback(base)) {
            throw new IllegalArgumentException("refusing to send a token to " + base + " over " + base.getScheme()
                    + ": it would cross the network in clear; use https:// (plain http only to 127.0.0.1, ::1 or localhost)");
        }
    }

    /** Whether {@code url} names this machine by a loopback literal or localhost (no name is looked up). */
    public static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost")) {
            return true;
        }
        if (host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();   // a literal: no lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code stored} (the URL a token was stored for) is the gateway {@code base}, up to case and a trailing slash. */
    static boolean sameGateway(String stored, URI base) {
        return stored != null && normalised(URI.create(stored)).equals(normalised(base));
    }

    private static String normalised(URI url) {
        URI plain = url.normalize();
        String scheme = plain.getScheme() == null ? "" : plain.getScheme().toLowerCase(Locale.ROOT);
        String host = plain.getHost() == null ? "" : plain.getHost().toLowerCase(Locale.ROOT);
        int port = plain.getPort() != -1 ? plain.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        String path = plain.getRawPath() == null || plain.getRawPath().isEmpty() ? "/" : plain.getRawPath();
        return scheme + "://" + host + ":" + port + (path.endsWith("/") ? path : path + "/");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

package dev.seatflow.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from the process around it, passed in so that tests run it in-process with
 * an environment and a config directory of their own.
 *
 * @param variables environment variables (SEATFLOW_URL, SEATFLOW_TOKEN, XDG_CONFIG_HOME)
 * @param stdin where {@code login} reads a token that is not given on the command line
 * @param stderrIsTerminal whether progress is shown without being asked for
 */
public record CliEnvironment(Map<String, String> variables, Path home, InputStream stdin, boolean stderrIsTerminal) {

    public static CliEnvironment ofProcess() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.in, System.console() != null);
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** $XDG_CONFIG_HOME/seatflow, else ~/.config/seatflow (the XDG base directory default). */
    public Path configDir() {
        String xdg = variable("XDG_CONFIG_HOME");
        return (xdg != null ? Path.of(xdg) : home.resolve(".config")).resolve("seatflow");
    }
}

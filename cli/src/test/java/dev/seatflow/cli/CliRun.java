package dev.seatflow.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the CLI's main command in-process, as {@code java -jar seatflow-cli.jar} would, with an
 * environment and a config directory of the test's own, capturing what it writes.
 */
public record CliRun(Path home, Map<String, String> variables) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one run left: its exit code and its standard output and error. */
    public record Result(int exit, String out, String err) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return JSON.readValue(out, Map.class);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** A CLI against {@code url} whose config directory lies under {@code home}. */
    public static CliRun at(String url, Path home) {
        Map<String, String> variables = new HashMap<>();
        variables.put("SEATFLOW_URL", url);
        variables.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return new CliRun(home, Map.copyOf(variables));
    }

    public CliRun with(String variable, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        changed.put(variable, value);
        return new CliRun(home, Map.copyOf(changed));
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SeatflowCli.commandLine(new CliEnvironment(variables, home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}

package dev.seatflow.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's one way to its standard output: the server's JSON as it came for scripts ({@code --json}),
 * tables and sentences for people. Messages about the run (progress, hints) go to standard error,
 * so that what a script reads on standard output stays parseable.
 */
public final class Output {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** An answer: its JSON, or {@code human} for people. */
    public void answer(Object answer, String human) {
        if (json) {
            out.println(JSON.writeValueAsString(answer));
        } else {
            out.print(human.endsWith(System.lineSeparator()) ? human : human + System.lineSeparator());
        }
        out.flush();
    }

    /** A page of the server's ({@code items} plus a cursor field): the page's JSON, or a table with a hint how to go on. */
    @SuppressWarnings("unchecked")
    public void page(Map<String, Object> page, Table table, String cursorField, String cursorOption) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.getOrDefault("items", List.of());
        answer(page, table.render(items));
        Object next = page.get(cursorField);
        if (!json && next != null) {
            note("more: add " + cursorOption + " " + next);
        }
    }

    /** A note for the person at the terminal, on standard error. */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    public PrintWriter err() {
        return err;
    }
}

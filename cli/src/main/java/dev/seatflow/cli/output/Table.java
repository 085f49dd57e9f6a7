package dev.seatflow.cli.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A human table of the server's JSON objects: named columns, each read from an object's fields. */
public final class Table {

    /** A column: its header and how a cell is read from one object. */
    public record Column(String header, Function<Map<String, Object>, Object> value) {
    }

    private final List<Column> columns;

    private Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** A column that shows field {@code name} as it is (lists joined with commas, absent as "-"). */
    public static Column field(String header, String name) {
        return new Column(header, row -> row.get(name));
    }

    /** The rows under a header line, columns padded to their widest cell. */
    public String render(Collection<Map<String, Object>> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            cells.add(columns.stream().map(column -> text(column.value().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                boolean last = i == line.length - 1;
                out.append(last ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** One object as FIELD VALUE lines, in the server's field order. */
    public static String details(Map<String, Object> object) {
        int width = object.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        object.forEach((field, value) -> out.append(String.format("%-" + width + "s  %s", field, text(value))).append(System.lineSeparator()));
        return out.toString();
    }

    static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? "-" : String.join(",", list.stream().map(Table::text).toList());
        }
        return value.toString();
    }
}

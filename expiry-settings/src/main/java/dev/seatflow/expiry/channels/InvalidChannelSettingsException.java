package dev.seatflow.expiry.channels;

import java.util.List;

/** Settings that break a rule; {@link #problems()} says which, one line each, ready for a 400 answer. */
public final class InvalidChannelSettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidChannelSettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

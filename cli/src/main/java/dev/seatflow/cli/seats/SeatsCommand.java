package dev.seatflow.cli.seats;

import dev.seatflow.cli.SeatflowCli;
import dev.seatflow.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Seat usage against the plan: {@code GET /api/v1/seats}. */
@Command(name = "seats", description = "Seats in use and available under the tenant's plan.")
public final class SeatsCommand implements Callable<Integer> {

    @ParentCommand
    private SeatflowCli cli;

    @Override
    public Integer call() {
        var seats = cli.api().get("api/v1/seats");
        cli.output().answer(seats, Table.details(seats));
        return 0;
    }
}

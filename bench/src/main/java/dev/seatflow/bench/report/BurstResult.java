package dev.seatflow.bench.report;

import dev.seatflow.bench.load.LatencySummary;

/**
 * One burst: {@code requests} acquires sent at once for {@code seats} seats.
 *
 * @param granted 201 answers
 * @param refused 409 (seats exhausted) answers
 * @param other any other answer, timeout or connection error
 * @param seatsInUse what {@code GET /seats} reports afterwards
 * @param accurate granted = min(seats, requests), seats in use = granted and no other answers
 */
public record BurstResult(String system, int round, int requests, int seats, long granted, long refused, long other,
                          int seatsInUse, boolean accurate, LatencySummary latency) {
}

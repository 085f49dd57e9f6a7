package dev.seatflow.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest {

    private PostgresService postgres;
    private ConnectionFactory connections;
    private final AuditWriter writer = new AuditWriter();

    @BeforeAll
    void schema(TestServices services) {
        postgres = services.postgres();
        AuditSchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user())
                .option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
    }

    @Test
    void appendsABatchInOneTransactionAndSkipsItWhenRedelivered() throws SQLException {
        String tenant = tenant();
        List<LicenseEvent> batch = AuditEvents.range(tenant, 1, 50);

        assertThat(write(batch)).isEqualTo(new AuditWriter.BatchResult(50, 0, List.of()));
        assertThat(write(batch)).isEqualTo(new AuditWriter.BatchResult(0, 50, List.of()));
        assertThat(write(AuditEvents.range(tenant, 40, 60))).isEqualTo(new AuditWriter.BatchResult(10, 11, List.of()));

        assertThat(count("SELECT count(*) FROM audit_logs WHERE tenant_id = '" + tenant + "'")).isEqualTo(60);
        assertThat(count("SELECT count(*) FROM license_sessions WHERE tenant_id = '" + tenant + "'")).isEqualTo(59);
        assertThat(verify(tenant).valid()).isTrue();
    }

    @Test
    void theTableRejectsUpdateDeleteAndTruncate() {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 3));

        assertThatThrownBy(() -> execute("UPDATE audit_logs SET action = 'LICENSE_RELEASED' WHERE tenant_id = '" + tenant + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM audit_logs WHERE tenant_id = '" + tenant + "'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("TRUNCATE audit_logs")).hasMessageContaining("append-only");
    }

    @Test
    void verificationPassesAndThenCatchesARowAlteredBehindTheTriggersBack() throws SQLException {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 20));
        AuditVerifier.Verification clean = verify(tenant);
        assertThat(clean.valid()).isTrue();
        assertThat(clean.rows()).isEqualTo(20);

        superuser("UPDATE audit_logs SET metadata = jsonb_set(metadata, '{hardware_id}', '\"hw-forged\"') "
                + "WHERE tenant_id = '" + tenant + "' AND sequence = 7");

        AuditVerifier.Verification tampered = verify(tenant);
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.sequence()).isEqualTo(7);
            assertThat(problem.problem()).contains("altered");
        });
    }

    @Test
    void verificationCatchesARemovedRowAndRowsRemovedAtTheEnd() throws SQLException {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 10));

        superuser("DELETE FROM audit_logs WHERE tenant_id = '" + tenant + "' AND sequence IN (4, 10)");

        AuditVerifier.Verification verification = verify(tenant);
        assertThat(verification.valid()).isFalse();
        assertThat(verification.problems()).extracting(AuditVerifier.Problem::problem)
                .anyMatch(p -> p.contains("expected sequence 4"))
                .anyMatch(p -> p.contains("prev_hash"))
                .anyMatch(p -> p.contains("rows removed at the end"));
    }

    @Test
    void recordsASequenceGapInsteadOfBridgingItSilently() throws SQLException {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 5));

        AuditWriter.BatchResult result = write(AuditEvents.range(tenant, 8, 9));

        assertThat(result.gaps()).containsExactly(new AuditWriter.Gap(tenant, 6, 8));
        assertThat(count("SELECT count(*) FROM audit_sequence_gaps WHERE tenant_id = '" + tenant + "'")).isEqualTo(1);
        assertThat(verify(tenant).problems()).extracting(AuditVerifier.Problem::problem).anyMatch(p -> p.contains("expected sequence 6"));
    }

    @Test
    void theWriterRoleMayInsertAndReadButNeitherUpdateNorDelete() throws SQLException {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 2));
        String user = "sf_audit_" + UUID.randomUUID().toString().substring(0, 8);
        superuser("CREATE ROLE " + user + " LOGIN IN ROLE seatflow_audit_writer");
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), user, "");
             var statement = connection.createStatement()) {
            statement.execute("SET search_path TO \"" + postgres.schema() + "\"");
            assertThat(statement.executeQuery("SELECT count(*) FROM audit_logs WHERE tenant_id = '" + tenant + "'").next()).isTrue();
            assertThatThrownBy(() -> statement.execute("UPDATE audit_logs SET action = 'X'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_logs")).hasMessageContaining("permission denied");
        } finally {
            superuser("DROP ROLE " + user);
        }
    }

    @Test
    void queriesFilterAndPageNewestFirst() {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 30));
        AuditQueries queries = new AuditQueries(connections);

        AuditQueries.EntryPage first = queries.page(tenant, new AuditQueries.Filter("LICENSE_ACQUIRED", null, null, null, null, null), null, 10).block();
        AuditQueries.EntryPage second = queries.page(tenant, new AuditQueries.Filter("LICENSE_ACQUIRED", null, null, null, null, null), first.nextBefore(), 10).block();
        AuditQueries.EntryPage byUser = queries.page(tenant, new AuditQueries.Filter(null, "user-12", null, null, null, null), null, 10).block();

        assertThat(first.items()).extracting(AuditQueries.Entry::sequence).startsWith(30L, 29L).hasSize(10);
        assertThat(second.items()).extracting(AuditQueries.Entry::sequence).startsWith(20L).hasSize(10);
        assertThat(byUser.items()).singleElement().satisfies(entry -> assertThat(entry.metadata()).containsEntry("hardware_id", "hw-12"));
        assertThat(queries.page("someone-else", new AuditQueries.Filter(null, null, null, null, null, null), null, 10).block().items()).isEmpty();
    }

    @Test
    void exportsJsonLinesThatReWalkToTheManifestsChainHead() {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 25));
        AuditExporter exporter = new AuditExporter(connections);

        AuditExporter.Manifest manifest = exporter.manifest(tenant, AuditEvents.START, AuditEvents.START.plusSeconds(21),
                AuditExporter.Format.JSONL, AuditEvents.START).block();
        List<String> lines = exporter.lines(manifest).collectList().block();

        assertThat(manifest.rowCount()).isEqualTo(20);
        assertThat(manifest.firstSequence()).isEqualTo(1);
        assertThat(manifest.lastSequence()).isEqualTo(20);
        assertThat(manifest.contiguous()).isTrue();
        assertThat(lines).hasSize(20);
        assertThat(lines.get(19)).contains("\"hash\":\"" + manifest.chainHead() + "\"");
        assertThat(exporter.lines(new AuditExporter.Manifest(tenant, manifest.from(), manifest.to(), AuditExporter.Format.CSV,
                manifest.rowCount(), 1, 20, true, manifest.firstPrevHash(), manifest.chainHead(), manifest.rowsSha256(), manifest.generatedAt()))
                .collectList().block()).hasSize(21).first().isEqualTo(AuditExporter.CSV_HEADER + "\n");
        assertThat(manifest.rowsSha256()).isEqualTo(rowsDigest(lines));
    }

    @Test
    void aNonContiguousExportsManifestDigestsExactlyTheRowsExported() {
        String tenant = tenant();
        write(AuditEvents.range(tenant, 1, 10));
        write(AuditEvents.range(tenant, 13, 20));   // sequences 11 and 12 never arrived: a gap the chain spans
        AuditExporter exporter = new AuditExporter(connections);

        AuditExporter.Manifest manifest = exporter.manifest(tenant, AuditEvents.START, AuditEvents.START.plusSeconds(21),
                AuditExporter.Format.JSONL, AuditEvents.START).block();
        List<String> lines = exporter.lines(manifest).collectList().block();

        assertThat(manifest.contiguous()).isFalse();
        assertThat(manifest.rowCount()).isEqualTo(18);
        assertThat(lines).hasSize(18);
        assertThat(manifest.rowsSha256()).isEqualTo(rowsDigest(lines));
    }

    /** The rows_sha256 an auditor computes from the exported lines. */
    private static String rowsDigest(List<String> jsonLines) {
        AuditExports.RowsDigest digest = new AuditExports.RowsDigest();
        jsonLines.forEach(line -> digest.add(java.util.HexFormat.of().parseHex(
                line.substring(line.indexOf("\"hash\":\"") + 8, line.indexOf("\"hash\":\"") + 8 + 64))));
        return digest.hex();
    }

    private AuditWriter.BatchResult write(List<LicenseEvent> events) {
        return Mono.usingWhen(Mono.from(connections.create()),
                connection -> Mono.from(connection.beginTransaction())
                        .then(writer.append(connection, events, List.of()))
                        .flatMap(result -> Mono.from(connection.commitTransaction()).thenReturn(result)),
                Connection::close).block();
    }

    private AuditVerifier.Verification verify(String tenant) {
        return new AuditVerifier(connections).verify(tenant).block();
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** As the database owner, with the append-only trigger off: what a rogue administrator could do. */
    private void superuser(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_or_delete");
            try {
                statement.execute(sql);
            } finally {
                statement.execute("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_or_delete");
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String tenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

}

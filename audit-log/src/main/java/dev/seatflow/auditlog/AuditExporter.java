package dev.seatflow.auditlog;

import dev.seatflow.signing.CanonicalJson;
import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.Signature;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compliance export: a tenant's audit rows for a time range as CSV or JSON Lines, streamed from
 * Postgres in sequence order (constant memory), with a manifest signed by the platform's signer.
 * The manifest is fixed before the rows are read (the range is cut at the tenant's current
 * sequence), so what is streamed is exactly what it describes.
 */
public final class AuditExporter {

    public enum Format { CSV, JSONL }

    /**
     * @param firstPrevHash the hash the first exported row chains to; with {@code chainHead} an
     *     auditor re-walks the chain over the exported rows when {@code contiguous}
     * @param rowsSha256 the exported rows' hashes digested in sequence order
     *     ({@link AuditExports.RowsDigest}): it commits the manifest to exactly these rows, also
     *     where they are not {@code contiguous} (a sequence gap, or a row outside the time range)
     *     and a row does not link to the exported row before it
     */
    public record Manifest(String tenantId, Instant from, Instant to, Format format, long rowCount, long firstSequence,
                           long lastSequence, boolean contiguous, String firstPrevHash, String chainHead, String rowsSha256,
                           Instant generatedAt) {

        public Map<String, Object> canonical() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(AuditExports.TYPE, AuditExports.MANIFEST_TYPE); // what the signature is for: never mistaken for a license (LicenseVerifier)
            map.put(AuditExports.TENANT_ID, tenantId);
            map.put(AuditExports.FROM, from.toString());
            map.put(AuditExports.TO, to.toString());
            map.put(AuditExports.FORMAT, format.name().toLowerCase(java.util.Locale.ROOT));
            map.put(AuditExports.ROW_COUNT, rowCount);
            map.put(AuditExports.FIRST_SEQUENCE, firstSequence);
            map.put(AuditExports.LAST_SEQUENCE, lastSequence);
            map.put(AuditExports.CONTIGUOUS, contiguous);
            map.put(AuditExports.FIRST_PREV_HASH, firstPrevHash);
            map.put(AuditExports.CHAIN_HEAD_HASH, chainHead);
            map.put(AuditExports.ROWS_SHA256, rowsSha256);
            map.put(AuditExports.GENERATED_AT, generatedAt.toString());
            return map;
        }
    }

    /** The manifest's canonical JSON and its signature. */
    public record SignedManifest(Manifest manifest, byte[] json, Signature signature) {

        public static SignedManifest sign(Manifest manifest, Map<String, Object> extra, LicenseSigner signer) {
            Map<String, Object> content = new LinkedHashMap<>(manifest.canonical());
            content.putAll(extra);
            byte[] json = CanonicalJson.canonicalBytes(content);
            return new SignedManifest(manifest, json, signer.sign(json));
        }
    }

    static final String CSV_HEADER = "sequence,event_id,created_at,tenant_id,user_id,actor_role,action,resource_type,resource_id,"
            + "command_id,ip_address,user_agent,metadata,prev_hash,hash";

    private final ConnectionFactory connections;

    public AuditExporter(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Fixes the export: counts the rows in the range up to the tenant's current sequence, then
     * digests their hashes in a first pass ({@code rows_sha256}, streamed: constant memory), all
     * before anything is signed or sent; {@link #lines} then streams exactly those rows.
     */
    public Mono<Manifest> manifest(String tenant, Instant from, Instant to, Format format, Instant now) {
        String range = " FROM audit_logs WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3";
        return Mono.usingWhen(Mono.from(connections.create()), connection -> Flux.from(connection.createStatement(
                                "SELECT count(*) AS n, min(sequence) AS first, max(sequence) AS last," + " (SELECT prev_hash" + range
                                        + " ORDER BY sequence LIMIT 1) AS first_prev, (SELECT hash" + range + " ORDER BY sequence DESC LIMIT 1) AS head" + range)
                        .bind("$1", tenant).bind("$2", ReadModels.utc(from)).bind("$3", ReadModels.utc(to)).execute())
                .flatMap(result -> result.map((row, meta) -> {
                    long count = row.get("n", Long.class);
                    long first = count == 0 ? 0 : row.get("first", Long.class);
                    long last = count == 0 ? 0 : row.get("last", Long.class);
                    String firstPrev = count == 0 ? AuditChain.hex(AuditChain.GENESIS) : AuditChain.hex(ChainHeads.bytes(row.get("first_prev")));
                    String head = count == 0 ? firstPrev : AuditChain.hex(ChainHeads.bytes(row.get("head")));
                    return new Manifest(tenant, from, to, format, count, first, last, count == 0 || last - first + 1 == count,
                            firstPrev, head, null, now);
                })).single()
                .flatMap(counted -> rowsDigest(connection, counted).map(digest -> new Manifest(counted.tenantId(), counted.from(),
                        counted.to(), counted.format(), counted.rowCount(), counted.firstSequence(), counted.lastSequence(),
                        counted.contiguous(), counted.firstPrevHash(), counted.chainHead(), digest, counted.generatedAt()))),
                Connection::close);
    }

    /** The rows' hashes in sequence order, selected as {@link #lines} selects the rows, digested as they stream. */
    private static Mono<String> rowsDigest(Connection connection, Manifest manifest) {
        if (manifest.rowCount() == 0) {
            return Mono.just(new AuditExports.RowsDigest().hex());
        }
        return Flux.from(connection.createStatement("SELECT hash" + ROWS + " ORDER BY sequence")
                        .bind("$1", manifest.tenantId()).bind("$2", ReadModels.utc(manifest.from())).bind("$3", ReadModels.utc(manifest.to()))
                        .bind("$4", manifest.firstSequence()).bind("$5", manifest.lastSequence())
                        .fetchSize(1000).execute())
                .concatMap(result -> result.map((row, meta) -> ChainHeads.bytes(row.get("hash"))))
                .reduce(new AuditExports.RowsDigest(), AuditExports.RowsDigest::add)
                .map(AuditExports.RowsDigest::hex);
    }

    /** The exported rows: the manifest's time range, cut at the sequences it was fixed with. */
    private static final String ROWS = " FROM audit_logs WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3"
            + " AND sequence BETWEEN $4 AND $5";

    /** The export's lines (with a header line for CSV), each ending in a newline. */
    public Flux<String> lines(Manifest manifest) {
        Flux<String> rows = Flux.usingWhen(Mono.from(connections.create()), connection -> Flux.from(connection.createStatement(
                                "SELECT " + AuditRow.COLUMNS + ROWS + " ORDER BY sequence")
                        .bind("$1", manifest.tenantId()).bind("$2", ReadModels.utc(manifest.from())).bind("$3", ReadModels.utc(manifest.to()))
                        .bind("$4", manifest.firstSequence()).bind("$5", manifest.lastSequence())
                        .fetchSize(1000).execute())
                .concatMap(result -> result.map(AuditRow::read))
                .map(row -> manifest.format() == Format.CSV ? csv(row) : jsonLine(row)), Connection::close);
        return manifest.format() == Format.CSV ? Flux.concat(Flux.just(CSV_HEADER + "\n"), rows) : rows;
    }

    static String jsonLine(AuditRow row) {
        return AuditExports.jsonLine(row.record().canonical(), row.prevHash(), row.hash());
    }

    static String csv(AuditRow row) {
        AuditRecord r = row.record();
        return String.join(",", Long.toString(r.sequence()), r.eventId().toString(), r.createdAt().toString(), quote(r.tenantId()),
                quote(r.userId()), r.actorRole(), r.action(), r.resourceType(), quote(r.resourceId()),
                r.commandId() == null ? "" : r.commandId().toString(), quote(r.ipAddress()), quote(r.userAgent()),
                quote(CanonicalJson.canonicalize(r.metadata())), AuditChain.hex(row.prevHash()), AuditChain.hex(row.hash())) + "\n";
    }

    /**
     * RFC 4180 quoting where needed. A cell a spreadsheet would read as a formula (it starts with
     * {@code = + - @}, a tab or a carriage return; OWASP "CSV injection") gets a leading {@code '}:
     * user ids and user agents are whatever clients sent. CSV is for reading; JSON Lines exports keep
     * every value as recorded and are the ones whose rows re-walk the hash chain.
     */
    static String quote(String text) {
        if (text == null) {
            return "";
        }
        String value = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

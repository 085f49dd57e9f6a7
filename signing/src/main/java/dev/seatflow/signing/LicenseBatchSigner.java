package dev.seatflow.signing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Signs licenses in batches, one signature per batch (version 2 of {@link SignedLicense}), by group
 * commit rather than a timer: with no signature in flight a license is signed at once, alone; while
 * one is in flight, new licenses queue, and when it returns the whole queue (up to {@code maxBatch})
 * is signed with the next one. Low load costs no added wait; under load the batch grows with the
 * signing latency (milliseconds of local RSA, a Cloud KMS round trip), so the signature rate stays
 * bounded while the license rate grows. A queue holding a full batch starts another signature in
 * parallel (up to {@code maxInFlight}), which bounds the wait.
 */
public final class LicenseBatchSigner implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final LicenseSigner signer;
    private final Settings settings;
    private final Clock clock;
    private final IntConsumer batchListener;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService workers;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;
    /** Licenses in the batches under way. */
    private int signing;
    private boolean closed;

    /**
     * @param maxBatch    licenses per signature at most
     * @param maxInFlight signatures under way at once at most (each on a thread of its own)
     */
    public record Settings(int maxBatch, int maxInFlight) {
        public Settings {
            if (maxBatch < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException("batch size and signatures in flight must be at least 1");
            }
        }
    }

    /** @param batchListener told each batch's size once it is signed (metrics) */
    public LicenseBatchSigner(LicenseSigner signer, Settings settings, Clock clock, IntConsumer batchListener) {
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.batchListener = batchListener;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.maxInFlight(), runnable -> {
            Thread thread = new Thread(runnable, "license-signer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The license, once its batch is signed; fails with the signer's error (a {@link SigningException}). */
    public CompletableFuture<SignedLicense> sign(Map<String, Object> payload) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltText = Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
        Pending pending = new Pending(payload, saltText, MerkleTree.leafHash(SignedLicense.leafData(payload, saltText)),
                new CompletableFuture<>());
        boolean start;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new SigningException("the license signer is closed"));
            }
            queue.add(pending);
            start = inFlight == 0 || (queue.size() >= settings.maxBatch() && inFlight < settings.maxInFlight());
            if (start) {
                inFlight++;
            }
        }
        if (start) {
            workers.execute(this::drain);
        }
        return pending.result();
    }

    /** Licenses waiting for their signature: queued, or in a batch being signed. */
    public int waiting() {
        synchronized (lock) {
            return queue.size() + signing;
        }
    }

    private void drain() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (lock) {
                if (queue.isEmpty()) {
                    inFlight--;
                    return;
                }
                while (!queue.isEmpty() && batch.size() < settings.maxBatch()) {
                    batch.add(queue.poll());
                }
                signing += batch.size();
            }
            try {
                signBatch(batch);
            } finally {
                synchronized (lock) {
                    signing -= batch.size();
                }
            }
        }
    }

    private void signBatch(List<Pending> batch) {
        try {
            MerkleTree tree = MerkleTree.of(batch.stream().map(Pending::leafHash).toList());
            String keyId = signer.keyId();
            Map<String, Object> statement = SignedLicense.statement(HEX.formatHex(tree.root()), tree.size(), keyId,
                    signer.algorithm(), clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
            Signature signature = signer.sign(CanonicalJson.canonicalBytes(statement));
            if (!signature.keyId().equals(keyId)) {
                throw new SigningException("the statement names key " + keyId + " but " + signature.keyId() + " signed it");
            }
            batchListener.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                List<String> path = tree.auditPath(i).stream().map(HEX::formatHex).toList();
                pending.result().complete(SignedLicense.inBatch(pending.payload(), pending.salt(), i, tree.size(), path,
                        statement, signature));
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
        }
    }

    /** Fails what is still queued and stops the signing threads. */
    @Override
    public void close() {
        List<Pending> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
        }
        left.forEach(pending -> pending.result().completeExceptionally(new SigningException("the license signer is closed")));
        workers.shutdown();
    }

    private record Pending(Map<String, Object> payload, String salt, byte[] leafHash, CompletableFuture<SignedLicense> result) {
    }
}

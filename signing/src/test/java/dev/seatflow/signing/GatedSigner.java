package dev.seatflow.signing;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts signatures, and holds the first one until the test opens the gate: whatever the test
 * queues meanwhile is what the next batches hold, however the threads are scheduled.
 */
class GatedSigner implements LicenseSigner {

    final AtomicInteger signatures = new AtomicInteger();
    private final LicenseSigner delegate;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    GatedSigner(LicenseSigner delegate) {
        this.delegate = delegate;
    }

    /** Returns once the first signature is under way (and held). */
    void awaitFirstSignature() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no signature started");
        }
    }

    void open() {
        open.countDown();
    }

    @Override
    public Signature sign(byte[] data) {
        if (signatures.incrementAndGet() == 1) {
            entered.countDown();
            try {
                if (!open.await(30, TimeUnit.SECONDS)) {
                    throw new SigningException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SigningException("interrupted", e);
            }
        }
        return delegate.sign(data);
    }

    @Override
    public String algorithm() {
        return delegate.algorithm();
    }

    @Override
    public String keyId() {
        return delegate.keyId();
    }

    @Override
    public List<PublicKeyInfo> publicKeys() {
        return delegate.publicKeys();
    }
}

package dev.seatflow.bench.load;

/** Sends a call without waiting for it; exactly one callback method is invoked per call, on any thread. */
public interface Transport {

    void send(Call call, Callback callback);

    interface Callback {
        void completed(int status, byte[] body);

        void failed(Throwable error);
    }
}

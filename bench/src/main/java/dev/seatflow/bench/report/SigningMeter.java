package dev.seatflow.bench.report;

/**
 * Signatures made and licenses signed by a system, from its {@code seatflow.gateway.signing.batch_size}
 * summary on {@code /prometheus} of the management port (both systems sign through the gateway's signer; the baseline one
 * license per signature, as the original design did).
 */
public final class SigningMeter {

    private static final String METRIC = "seatflow_gateway_signing_batch_size";

    private final PrometheusScrape scrape = new PrometheusScrape();
    private final String managementUrl;

    /** @param managementUrl the gateway's management base URL, null when unknown */
    public SigningMeter(String managementUrl) {
        this.managementUrl = managementUrl;
    }

    /** Counters at one instant; null when the system does not publish them. */
    public Sample sample() {
        String text = scrape.text(managementUrl).orElse("");
        Double count = value(text, METRIC + "_count");
        Double sum = value(text, METRIC + "_sum");
        return count == null || sum == null ? null : new Sample(System.nanoTime(), count, sum);
    }

    private static Double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    public record Sample(long nanos, double signatures, double licenses) {

        /** Between this sample and a later one; null when either is missing or nothing was signed. */
        public SigningUsage until(Sample later) {
            if (later == null) {
                return null;
            }
            double signatures = later.signatures - this.signatures;
            double licenses = later.licenses - this.licenses;
            double seconds = (later.nanos - nanos) / 1e9;
            return signatures <= 0 ? null : new SigningUsage(Math.round(signatures / seconds * 10) / 10.0,
                    Math.round(licenses / signatures * 10) / 10.0);
        }
    }

    /** @param signaturesPerSecond over the window @param meanBatchSize licenses per signature */
    public record SigningUsage(double signaturesPerSecond, double meanBatchSize) {
    }
}

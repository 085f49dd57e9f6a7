package dev.seatflow.bench;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Value types of the harness's options that picocli has no converter for. */
final class OptionConverters {

    private OptionConverters() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return BenchOptions.duration(value);
            } catch (IllegalArgumentException e) {
                // picocli reports a TypeConversionException's message as is, other exceptions with a stack-trace-like prefix
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double rate = Double.parseDouble(value.trim());
                if (rate > 0) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below, like a rate that is not positive
            }
            throw new TypeConversionException("must be a positive rate (requests/s), got '" + value + "'");
        }
    }

    static final class NonNegativeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, like a negative number
            }
            throw new TypeConversionException("must be a non-negative number, got '" + value + "'");
        }
    }
}

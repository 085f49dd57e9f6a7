package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Our RFC 8785 canonicalisation against the reference implementation (Anders Rundgren's JCS, as
 * packaged by erdtman): for any JSON value, the reference's canonical form of a loosely written
 * rendering (keys in any order, numbers as Java prints them, escapes where the writer chose) is
 * byte for byte ours.
 */
class CanonicalJsonReferenceTest {

    @Property(tries = 500)
    void everyValueCanonicalisesAsTheReferenceDoes(@ForAll("values") Object value) throws IOException {
        // The reference reads only an object or an array at the top.
        List<Object> wrapped = java.util.Collections.singletonList(value);
        String loose = loose(wrapped);

        assertThat(CanonicalJson.canonicalize(wrapped)).as("canonical form of %s", loose)
                .isEqualTo(new JsonCanonicalizer(loose).getEncodedString());
    }

    @Property(tries = 2_000)
    void everyDoubleIsWrittenAsECMAScriptWritesIt(@ForAll double number) throws IOException {
        if (Double.isFinite(number)) {
            assertThat(CanonicalJson.canonicalize(List.of(number)))
                    .isEqualTo(new JsonCanonicalizer("[" + number + "]").getEncodedString());
        }
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                text().map(s -> (Object) s),
                Arbitraries.doubles().between(-1e22, 1e22).ofScale(6).map(d -> (Object) d.doubleValue()),
                Arbitraries.doubles().map(d -> (Object) d).filter(d -> Double.isFinite((Double) d)),
                Arbitraries.longs().between(-9_007_199_254_740_991L, 9_007_199_254_740_991L).map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> map = Arbitraries.maps(text(), value(depth - 1)).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar), net.jqwik.api.Tuple.of(1, list), net.jqwik.api.Tuple.of(2, map));
    }

    /** Text of any code points (surrogate pairs included, never a lone surrogate), control characters too. */
    private static Arbitrary<String> text() {
        return Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(8)
                .map(points -> {
                    StringBuilder s = new StringBuilder();
                    points.forEach(s::appendCodePoint);
                    return s.toString();
                });
    }

    /** Valid JSON that is not canonical: every character beyond ASCII escaped, numbers as Java writes them. */
    private static String loose(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof String s) {
            out.append('"');
            s.chars().forEach(c -> {
                if (c == '"' || c == '\\') {
                    out.append('\\').append((char) c);
                } else if (c < 0x20 || c > 0x7E) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append((char) c);
                }
            });
            out.append('"');
        } else if (value instanceof List<?> list) {
            out.append("[ ");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " , ");
                write(list.get(i), out);
            }
            out.append(" ]");
        } else {
            out.append("{ ");
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ", ");
                write(entry.getKey(), out);
                out.append(" : ");
                write(entry.getValue(), out);
                first = false;
            }
            out.append(" }");
        }
    }
}

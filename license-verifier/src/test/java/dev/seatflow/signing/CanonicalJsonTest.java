package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    @Test
    void sortsKeysByUtf16CodeUnitsAsInRfc8785Section323() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.canonicalize(map)).isEqualTo("{"
                + "\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\","
                + "\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void emojiKeySortsBeforeHigherBmpKeyThoughItsCodePointIsLarger() {
        // U+1F600 > U+FB33 as code points, but its first UTF-16 unit 0xD83D < 0xFB33.
        Map<String, Object> map = Map.of("\ufb33", 1, "\ud83d\ude00", 2, "\u20ac", 3);
        assertThat(CanonicalJson.canonicalize(map)).isEqualTo("{\"\u20ac\":3,\"\ud83d\ude00\":2,\"\ufb33\":1}");
    }

    @Test
    void mixedValuesExampleFromRfc8785Section322() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("numbers", List.of(333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001));
        map.put("string", "\u20ac$\u000f\nA'B\"\\\\\"/");
        map.put("literals", Arrays.asList(null, true, false));

        assertThat(CanonicalJson.canonicalize(map)).isEqualTo(
                "{\"literals\":[null,true,false],"
                        + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void nestedLicensePayloadHasOneExactForm() {
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("user", "ana@example.com");
        seat.put("device", Map.of("os", "linux", "id", "d-1"));
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("tenant", "acme");
        license.put("seats", List.of(seat, Map.of()));
        license.put("features", List.of("sso", "audit", List.of()));
        license.put("expiresAt", 1767225600L);
        license.put("grace", 0.5);
        license.put("trial", false);
        license.put("note", null);

        assertThat(CanonicalJson.canonicalize(license)).isEqualTo("{\"expiresAt\":1767225600,"
                + "\"features\":[\"sso\",\"audit\",[]],\"grace\":0.5,\"note\":null,"
                + "\"seats\":[{\"device\":{\"id\":\"d-1\",\"os\":\"linux\"},\"user\":\"ana@example.com\"},{}],"
                + "\"tenant\":\"acme\",\"trial\":false}");
    }

    @Test
    void escapesOnlyQuoteBackslashAndControlCharacters() {
        String input = "\u0000\u0001\u001a\u001f\b\t\n\f\r\"\\/\u007f\u00e9\ud83d\ude00";
        assertThat(CanonicalJson.canonicalize(input)).isEqualTo(
                "\"\\u0000\\u0001\\u001a\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u00e9\ud83d\ude00\"");
    }

    @Test
    void canonicalBytesAreUtf8() {
        assertThat(CanonicalJson.canonicalBytes(List.of("\u00e9\ud83d\ude00")))
                .isEqualTo("[\"\u00e9\ud83d\ude00\"]".getBytes(StandardCharsets.UTF_8))
                .hasSize(10);
    }

    @Test
    void integersPrintPlainWithinTheSafeRange() {
        List<Object> values = List.of(0, -1, Integer.MAX_VALUE, (short) -7, (byte) 5,
                9007199254740992L, -9007199254740992L, BigInteger.valueOf(42));
        assertThat(CanonicalJson.canonicalize(values))
                .isEqualTo("[0,-1,2147483647,-7,5,9007199254740992,-9007199254740992,42]");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.0, 1",
            "-0.0, 0",
            "123.456, 123.456",
            "-2.5, -2.5",
            "1e21, 1e+21",
            "1e20, 100000000000000000000",
            "1e-7, 1e-7",
            "0.000001, 0.000001",
            "1e-6, 0.000001",
            "4.9E-324, 5e-324",
            "1.7976931348623157E308, 1.7976931348623157e+308",
            "9.999999999999997E22, 9.999999999999997e+22",
            "1E23, 1e+23",
            "295147905179352830000, 295147905179352830000",
            "333333333.33333325, 333333333.33333325",
            "333333333.33333343, 333333333.33333343",
            "-0.0000033333333333333333, -0.0000033333333333333333",
            "1424953923781206.2, 1424953923781206.2",
    })
    void doublesFollowEcmaScriptNumberToString(double value, String expected) {
        assertThat(CanonicalJson.canonicalize(value)).isEqualTo(expected);
    }

    @Test
    void floatsUseTheirOwnShortestDecimal() {
        assertThat(CanonicalJson.canonicalize(List.of(0.1f, 2.0f))).isEqualTo("[0.1,2]");
    }

    @Test
    void rejectsNaNAndInfinity() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(List.of(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnsupportedTypesNamingThem() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Map.of("at", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.math.BigDecimal");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Map.of(1, "one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
    }

    @Test
    void rejectsIntegersBeyondTwoToThe53() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(9007199254740993L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(BigInteger.TWO.pow(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLoneSurrogatesThatHaveNoUtf8Form() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("a\ud83d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Set.of("\ude00b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

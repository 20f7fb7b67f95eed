package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void formatsJsonTimestampsAsSecondsWithMillisecondFraction() {
        assertThat(format(1_700_000_000_123L)).isEqualTo("1700000000.123");
        assertThat(format(1_700_000_000_005L)).isEqualTo("1700000000.005");
        assertThat(format(0)).isEqualTo("0.000");
        assertThat(format(-500)).isEqualTo("-0.500");
        assertThat(new BigDecimal(format(-1_500)).movePointRight(3).longValueExact()).isEqualTo(-1_500);
    }

    @Test
    void choosesCborOnlyForTheCborContentType() {
        assertThat(WireFormat.forContentType("application/x-amz-cbor-1.1")).isEqualTo(WireFormat.CBOR);
        assertThat(WireFormat.forContentType("application/x-amz-json-1.1")).isEqualTo(WireFormat.JSON);
        assertThat(WireFormat.forContentType(null)).isEqualTo(WireFormat.JSON);
    }

    private static String format(long epochMillis) {
        char[] buffer = new char[WireFormat.TIMESTAMP_SCRATCH_LENGTH];
        return new String(buffer, 0, WireFormat.formatSeconds(epochMillis, buffer));
    }
}

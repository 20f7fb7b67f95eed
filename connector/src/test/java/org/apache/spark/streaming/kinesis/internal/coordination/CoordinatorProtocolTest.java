package org.apache.spark.streaming.kinesis.internal.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class CoordinatorProtocolTest {

    @Test
    void aRecoverableRequestCarriesItsTenures() {
        String[] request = CoordinatorProtocol.recoverableRequest(List.of("a", "b"));

        assertThat(CoordinatorProtocol.kind(request)).isEqualTo(CoordinatorProtocol.RECOVERABLE);
        assertThat(CoordinatorProtocol.tenureIdsOf(request)).containsExactly("a", "b");
    }

    @Test
    void aReplyRoundTripsThroughJavaSerializationAsJdkTypesOnly() {
        Map<String, RecordPosition> positions = Map.of("a", new RecordPosition("123456789012345678901234567890", 3),
                "b", new RecordPosition("7", 0));

        String[] reply = Serialization.roundTrip(CoordinatorProtocol.recoverableReply(positions));

        assertThat(reply.getClass()).isEqualTo(String[].class);
        assertThat(CoordinatorProtocol.positionsOf(reply)).isEqualTo(positions);
    }

    @Test
    void aFatalRequestCarriesMessageAndDetails() {
        String[] request = CoordinatorProtocol.fatalRequest("stream gone", null);

        assertThat(CoordinatorProtocol.kind(request)).isEqualTo(CoordinatorProtocol.FATAL);
        assertThat(CoordinatorProtocol.fatalMessageOf(request)).isEqualTo("stream gone");
        assertThat(CoordinatorProtocol.fatalDetailsOf(request)).isEmpty();
    }

    @Test
    void otherMessagesAreNotOurs() {
        assertThat(CoordinatorProtocol.kind("hello")).isNull();
        assertThat(CoordinatorProtocol.kind(new String[] {"other"})).isNull();
        assertThat(CoordinatorProtocol.kind(new String[0])).isNull();
    }

    @Test
    void aMalformedReplyIsRejected() {
        assertThatThrownBy(() -> CoordinatorProtocol.positionsOf(new String[] {"a", "1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

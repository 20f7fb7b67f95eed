package org.apache.spark.streaming.kinesis.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.apache.spark.streaming.kinesis.testing.TestRecords;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class RecordPositionTest {

    // Real Kinesis sequence numbers are 56 digits; a 55-digit one starting with 9 is numerically smaller than a
    // 56-digit one starting with 1, although it sorts after it as a string.
    private static final String SHORTER_BUT_GREATER_AS_STRING = "9" + "0".repeat(54);
    private static final String LONGER_BUT_SMALLER_AS_STRING = "1" + "0".repeat(55);
    private static final String REAL_SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void sequenceNumbersCompareNumericallyNotAsStrings() {
        RecordPosition nine = new RecordPosition("9", 0);
        RecordPosition ten = new RecordPosition("10", 0);

        assertThat(nine).isLessThan(ten);
        assertThat(ten.isAfter(nine)).isTrue();
        assertThat(nine.isAfter(ten)).isFalse();
    }

    @Test
    void longSequenceNumbersOfDifferentLengthsCompareNumerically() {
        assertThat(SHORTER_BUT_GREATER_AS_STRING.compareTo(LONGER_BUT_SMALLER_AS_STRING)).isPositive();

        RecordPosition shorter = new RecordPosition(SHORTER_BUT_GREATER_AS_STRING, 0);
        RecordPosition longer = new RecordPosition(LONGER_BUT_SMALLER_AS_STRING, 0);

        assertThat(shorter).isLessThan(longer);
        assertThat(longer.isAfter(shorter)).isTrue();
    }

    @Test
    void fiftySixDigitSequenceNumbersBeyondLongRangeCompare() {
        String next = REAL_SEQUENCE_NUMBER.substring(0, 55) + "9";

        assertThat(new RecordPosition(REAL_SEQUENCE_NUMBER, 0)).isLessThan(new RecordPosition(next, 0));
    }

    @Test
    void subSequenceNumbersOrderPositionsWithinOneRecord() {
        RecordPosition first = new RecordPosition(REAL_SEQUENCE_NUMBER, 0);
        RecordPosition second = new RecordPosition(REAL_SEQUENCE_NUMBER, 1);
        RecordPosition tenth = new RecordPosition(REAL_SEQUENCE_NUMBER, 9);

        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(tenth);
        assertThat(tenth.isAfter(first)).isTrue();
    }

    @Test
    void sequenceNumberOrdersBeforeSubSequenceNumber() {
        assertThat(new RecordPosition("100", 99)).isLessThan(new RecordPosition("101", 0));
    }

    @Test
    void sortingFollowsTheShardOrder() {
        List<RecordPosition> positions = new ArrayList<>(List.of(
                new RecordPosition("100", 1), new RecordPosition("9", 0), new RecordPosition("100", 0),
                new RecordPosition("99", 5)));

        Collections.sort(positions);

        assertThat(positions).extracting(RecordPosition::toString).containsExactly("9/0", "99/5", "100/0", "100/1");
    }

    @Test
    void aPositionIsNotAfterItself() {
        RecordPosition position = new RecordPosition("42", 3);

        assertThat(position.isAfter(new RecordPosition("42", 3))).isFalse();
        assertThat(position.compareTo(new RecordPosition("42", 3))).isZero();
    }

    @Test
    void equalPositionsHaveEqualHashCodes() {
        assertThat(new RecordPosition(REAL_SEQUENCE_NUMBER, 2))
                .isEqualTo(new RecordPosition(REAL_SEQUENCE_NUMBER, 2))
                .hasSameHashCodeAs(new RecordPosition(REAL_SEQUENCE_NUMBER, 2));
    }

    @Test
    void positionsDifferingInEitherNumberAreNotEqual() {
        RecordPosition position = new RecordPosition("42", 3);

        assertThat(position).isNotEqualTo(new RecordPosition("42", 4));
        assertThat(position).isNotEqualTo(new RecordPosition("43", 3));
        assertThat(position).isNotEqualTo("42/3");
    }

    @Test
    void toStringShowsSequenceAndSubSequenceNumber() {
        assertThat(new RecordPosition("42", 3)).hasToString("42/3");
    }

    @Test
    void ofTakesTheRecordsSequenceAndSubSequenceNumber() {
        RecordPosition position = RecordPosition.of(TestRecords.aggregated(REAL_SEQUENCE_NUMBER, 7));

        assertThat(position.sequenceNumber()).isEqualTo(REAL_SEQUENCE_NUMBER);
        assertThat(position.subSequenceNumber()).isEqualTo(7);
    }

    @Test
    void convertsToTheKclExtendedSequenceNumber() {
        assertThat(new RecordPosition(REAL_SEQUENCE_NUMBER, 7).toExtendedSequenceNumber())
                .isEqualTo(new ExtendedSequenceNumber(REAL_SEQUENCE_NUMBER, 7L));
    }

    @Test
    void nullOrEmptySequenceNumberIsRejected() {
        assertThatThrownBy(() -> new RecordPosition(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A record position needs a sequence number");
        assertThatThrownBy(() -> new RecordPosition("", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A record position needs a sequence number");
    }

    @Test
    void nonNumericSequenceNumberIsRejected() {
        assertThatThrownBy(() -> new RecordPosition("LATEST", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeSubSequenceNumberIsRejected() {
        assertThatThrownBy(() -> new RecordPosition("42", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Negative sub-sequence number -1");
    }

    @Test
    void deserializedPositionsCompareAndHashLikeTheOriginal() {
        RecordPosition original = new RecordPosition(LONGER_BUT_SMALLER_AS_STRING, 4);

        RecordPosition copy = Serialization.roundTrip(original);

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(copy.compareTo(original)).isZero();
        assertThat(copy).isGreaterThan(new RecordPosition(SHORTER_BUT_GREATER_AS_STRING, 0));
        assertThat(copy).isLessThan(new RecordPosition(LONGER_BUT_SMALLER_AS_STRING, 5));
        assertThat(copy).hasToString(LONGER_BUT_SMALLER_AS_STRING + "/4");
    }

    @Test
    void twoDeserializedPositionsCompareWithEachOther() {
        RecordPosition smaller = Serialization.roundTrip(new RecordPosition("9", 0));
        RecordPosition greater = Serialization.roundTrip(new RecordPosition("10", 0));

        assertThat(greater.isAfter(smaller)).isTrue();
        assertThat(smaller.isAfter(greater)).isFalse();
    }
}

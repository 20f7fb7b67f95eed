package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypoFinderTest {

    private final TypoFinder typos = new TypoFinder(List.of("region", "endpoint", "stsEndpoint", "maxRecordsPerFetch",
            "maxRecordsPerTrigger"));

    @Test
    void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(TypoFinder.editDistance("region", "region")).isZero();
        assertThat(TypoFinder.editDistance("regions", "region")).isEqualTo(1);
        assertThat(TypoFinder.editDistance("regon", "region")).isEqualTo(1);
        assertThat(TypoFinder.editDistance("legion", "region")).isEqualTo(1);
        assertThat(TypoFinder.editDistance("regoin", "region")).isEqualTo(1);
        assertThat(TypoFinder.editDistance("", "abc")).isEqualTo(3);
        assertThat(TypoFinder.editDistance("path", "region")).isGreaterThan(TypoFinder.MAX_EDITS);
    }

    @Test
    void nearMissesFindTheKnownName() {
        assertThat(typos.nearMiss("endpoitn")).contains("endpoint");
        assertThat(typos.nearMiss("ENDPOINTS")).contains("endpoint");
        assertThat(typos.nearMiss("sts_endpoint")).contains("stsEndpoint");
        assertThat(typos.nearMiss("sts-end.point")).contains("stsEndpoint");
        assertThat(typos.nearMiss("max_records_per_triger")).contains("maxRecordsPerTrigger");
    }

    @Test
    void theClosestKnownNameWins() {
        // One edit from stsEndpoint, three from endpoint.
        assertThat(typos.nearMiss("stsEndpont")).contains("stsEndpoint");
        assertThat(typos.nearMiss("maxRecordsPerFetc")).contains("maxRecordsPerFetch");
    }

    @Test
    void knownNamesAndUnrelatedNamesAreNoTypos() {
        assertThat(typos.nearMiss("Region")).isEmpty();
        assertThat(typos.nearMiss("stsendpoint")).isEmpty();
        assertThat(typos.nearMiss("path")).isEmpty();
        assertThat(typos.nearMiss("checkpointLocation")).isEmpty();
        assertThat(typos.nearMiss("maxOffsetsPerTrigger")).isEmpty();
    }
}

package io.github.sparkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class KinesisEndpointTest {

    @Test
    void awsEndpointsAreRecognisedWithTheirRegion() {
        KinesisEndpoint regional = KinesisEndpoint.of("https://kinesis.eu-west-1.amazonaws.com");
        assertThat(regional.isAws()).isTrue();
        assertThat(regional.isLoopback()).isFalse();
        assertThat(regional.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(KinesisEndpoint.of("https://kinesis-fips.us-gov-west-1.amazonaws.com").region())
                .isEqualTo(Region.US_GOV_WEST_1);
        assertThat(KinesisEndpoint.of("https://kinesis.cn-north-1.amazonaws.com.cn").region())
                .isEqualTo(Region.CN_NORTH_1);
        KinesisEndpoint vpc = KinesisEndpoint.of("https://vpce-0a1b-c2d3.kinesis.ap-south-1.vpce.amazonaws.com");
        assertThat(vpc.isAws()).isTrue();
        assertThat(vpc.region()).isEqualTo(Region.AP_SOUTH_1);
    }

    @Test
    void theLocalStackIsOnThisMachineAndNotAws() {
        for (String local : new String[] {"http://127.0.0.1:4568", "http://localhost:4568", "http://[::1]:4568"}) {
            KinesisEndpoint endpoint = KinesisEndpoint.of(local);
            assertThat(endpoint.isLoopback()).as(local).isTrue();
            assertThat(endpoint.isAws()).as(local).isFalse();
        }
        KinesisEndpoint emulator = KinesisEndpoint.of("http://localstack:4566");
        assertThat(emulator.isLoopback()).isFalse();
        assertThat(emulator.isAws()).isFalse();
    }

    @Test
    void somethingElseIsRefusedWithAnExample() {
        assertThatThrownBy(() -> KinesisEndpoint.of("kinesis.eu-west-1.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kinesis.eu-west-1.amazonaws.com' is not a Kinesis endpoint URL")
                .hasMessageContaining("https://kinesis.eu-west-1.amazonaws.com");
    }
}

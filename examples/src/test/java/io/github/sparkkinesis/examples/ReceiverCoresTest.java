package io.github.sparkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ReceiverCoresTest {

    private static final String WHY = "one per shard of stream 'words'";

    private static SparkConf master(String master) {
        return new SparkConf(false).setMaster(master);
    }

    @Test
    void withoutAMasterTheExampleRunsLocallyWithAThreadMoreThanItHasReceivers() {
        SparkConf twoCores = new SparkConf(false);
        ReceiverCores.configure(twoCores, 2, WHY, 2);
        assertThat(twoCores.get("spark.master")).isEqualTo("local[3]");

        SparkConf eightCores = new SparkConf(false);
        ReceiverCores.configure(eightCores, 2, WHY, 8);
        assertThat(eightCores.get("spark.master")).isEqualTo("local[8]");
    }

    @Test
    void aMasterWithNoMoreCoresThanReceiversIsRefusedSayingWhatToChange() {
        // local[*] on a 2-core machine with a 2-shard stream: the receivers would take every core.
        assertThatThrownBy(() -> ReceiverCores.configure(master("local[*]"), 2, WHY, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts 2 receivers (one per shard of stream 'words')")
                .hasMessageContaining("master local[*] has 2 cores, which leaves none to run the batches")
                .hasMessageContaining("--master local[3]")
                .hasMessageContaining("fewer shards");
        assertThatThrownBy(() -> ReceiverCores.configure(master("local"), 1, WHY, 8))
                .hasMessageContaining("master local has 1 core,");
        assertThatThrownBy(() -> ReceiverCores.configure(master("local[4,2]"), 4, WHY, 8))
                .hasMessageContaining("has 4 cores");
    }

    @Test
    void aMasterWithMoreCoresThanReceiversIsKept() {
        SparkConf conf = master("local[3]");
        ReceiverCores.configure(conf, 2, WHY, 2);
        assertThat(conf.get("spark.master")).isEqualTo("local[3]");
    }

    @Test
    void clusterCoresAreReadFromTheSettingsThatFixThem() {
        assertThat(ReceiverCores.coresOf(master("local-cluster[2, 3, 1024]"), 1)).hasValue(6);
        assertThat(ReceiverCores.coresOf(master("spark://host:7077").set("spark.cores.max", "4"), 1)).hasValue(4);
        assertThat(ReceiverCores.coresOf(master("yarn").set("spark.executor.instances", "2")
                .set("spark.executor.cores", "2"), 1)).hasValue(4);
        assertThatThrownBy(() -> ReceiverCores.configure(master("yarn").set("spark.executor.instances", "1")
                .set("spark.executor.cores", "2"), 2, WHY, 8))
                .hasMessageContaining("master yarn has 2 cores")
                .hasMessageContaining("spark.cores.max=4 on a cluster");
    }

    @Test
    void aClusterThatDecidesItsCoresIsNotChecked() {
        SparkConf conf = master("spark://host:7077");

        ReceiverCores.configure(conf, 16, WHY, 2);

        assertThat(ReceiverCores.coresOf(conf, 2)).isEmpty();
    }
}

package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.streamInfo.StreamIdCache;
import software.amazon.kinesis.coordinator.streamInfo.StreamIdOnboardingState;
import software.amazon.kinesis.leases.HierarchicalShardSyncer;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.ShardDetector;
import software.amazon.kinesis.metrics.NullMetricsScope;

class PlannedLeasesTest {

    private static final String MAX_HASH_KEY = "340282366920938463463374607431768211455";

    @Test
    void theKclsShardSyncerPlansOneLeasePerOpenShardOfANewApplication() throws Exception {
        List<Shard> shards = List.of(shard("shardId-000000000000", "0", "170141183460469231731687303715884105727"),
                shard("shardId-000000000001", "170141183460469231731687303715884105728", MAX_HASH_KEY));
        ShardDetector detector = new ShardDetector() {
            @Override
            public Shard shard(String shardId) {
                return shards.stream().filter(shard -> shard.shardId().equals(shardId)).findFirst().orElse(null);
            }

            @Override
            public List<Shard> listShards() {
                return new ArrayList<>(shards);
            }

            @Override
            public List<Shard> listShardsWithFilter(ShardFilter filter) {
                return new ArrayList<>(shards);
            }

            @Override
            public List<Shard> listShardsWithFilter(ShardFilter filter, String streamArn) {
                return new ArrayList<>(shards);
            }

            @Override
            public StreamIdentifier streamIdentifier() {
                return StreamIdentifier.singleStreamInstance("planned");
            }
        };
        PlannedLeases planned = new PlannedLeases();
        // As ShardLeaseBootstrapper does before its first sync.
        StreamIdCache.initialize(null, StreamIdOnboardingState.NOT_ONBOARDED);

        new HierarchicalShardSyncer(false, "planned").checkAndCreateLeaseForNewShards(detector, planned.table(),
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON),
                new NullMetricsScope(), false, true);

        assertThat(planned.leases()).extracting(Lease::leaseKey)
                .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
        assertThat(planned.table().listLeases()).isEmpty();
    }

    @Test
    void writesOtherThanCreatingLeasesAreRefused() {
        PlannedLeases planned = new PlannedLeases();
        assertThatThrownBy(() -> planned.table().deleteAll()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("deleteAll");
    }

    private static Shard shard(String id, String startingHashKey, String endingHashKey) {
        return Shard.builder().shardId(id)
                .hashKeyRange(HashKeyRange.builder().startingHashKey(startingHashKey).endingHashKey(endingHashKey)
                        .build())
                .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1").build()).build();
    }
}

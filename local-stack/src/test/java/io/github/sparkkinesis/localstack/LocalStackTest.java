package io.github.sparkkinesis.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.leases.Lease;

@ExtendWith(LocalStackExtension.class)
class LocalStackTest {

    @Test
    void putRecordsReportsShardAndIncreasingSequenceNumbers(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("fixture", 2);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            payloads.add(("record-" + i).getBytes(StandardCharsets.UTF_8));
        }

        List<ProducedRecord> produced = stack.streams().putRecords(stream, payloads);

        assertThat(produced).hasSize(700);
        assertThat(produced).extracting(ProducedRecord::shardId).containsOnlyElementsOf(
                stack.streams().openShardIds(stream));
        Map<String, List<ProducedRecord>> byShard =
                produced.stream().collect(Collectors.groupingBy(ProducedRecord::shardId));
        assertThat(byShard).hasSize(2);
        byShard.values().forEach(records -> assertThat(records)
                .extracting(r -> new BigInteger(r.sequenceNumber()))
                .isSortedAccordingTo(Comparator.naturalOrder()));
        // What was put can be read back with a plain GetRecords.
        String shard = produced.get(0).shardId();
        String iterator = stack.kinesisClient().getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(stack.kinesisClient().getRecords(b -> b.shardIterator(iterator).limit(10_000)).records())
                .hasSize(byShard.get(shard).size());
    }

    @Test
    void splitAndMergeReshardTheStream(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("reshard", 2);
        List<String> initial = stack.streams().openShardIds(stream);

        List<String> children = stack.streams().splitShard(stream, initial.get(0));
        assertThat(children).hasSize(2);
        assertThat(stack.streams().openShardIds(stream)).containsExactlyInAnyOrder(
                children.get(0), children.get(1), initial.get(1));

        String merged = stack.streams().mergeShards(stream, children.get(1), initial.get(1));
        assertThat(stack.streams().openShardIds(stream)).containsExactlyInAnyOrder(children.get(0), merged);
        assertThat(stack.streams().shards(stream)).hasSize(5);
    }

    @Test
    void leaseTableFixtureDecodesLeasesAndSkipsOtherEntities(LocalStack stack) {
        String table = KinesisStreamFixture.uniqueName("app");
        stack.dynamoDbClient().createTable(b -> b.tableName(table)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        stack.dynamoDbClient().waiter().waitUntilTableExists(b -> b.tableName(table));
        stack.dynamoDbClient().putItem(b -> b.tableName(table).item(Map.of(
                "leaseKey", AttributeValue.fromS("shardId-000000000000"),
                "leaseOwner", AttributeValue.fromS("worker-1"),
                "leaseCounter", AttributeValue.fromN("3"),
                "ownerSwitchesSinceCheckpoint", AttributeValue.fromN("0"),
                "checkpoint", AttributeValue.fromS("4960"),
                "checkpointSubSequenceNumber", AttributeValue.fromN("2"))));
        stack.dynamoDbClient().putItem(b -> b.tableName(table).item(Map.of(
                "leaseKey", AttributeValue.fromS("worker-1"),
                "entityType", AttributeValue.fromS("WORKER_METRIC_STATS"))));

        List<Lease> leases = stack.leaseTables().leases(table);

        assertThat(leases).extracting(Lease::leaseKey).containsExactly("shardId-000000000000");
        assertThat(stack.leaseTables().owners(table)).containsEntry("shardId-000000000000", "worker-1");
        assertThat(stack.leaseTables().checkpoints(table).get("shardId-000000000000").subSequenceNumber())
                .isEqualTo(2);
    }
}

package io.github.sparkkinesis.sql.internal.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Makes the reader of each shard's part of a micro-batch, on the executors. */
public record KinesisReaderFactory(ReadSettings settings) implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new KinesisPartitionReader((KinesisInputPartition) partition, settings);
    }
}

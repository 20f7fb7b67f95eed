package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShardRecordLogTest {

    @Test
    void readersSeeEveryPublishedRecordCompleteWhileAWriterAppends() throws Exception {
        ShardRecordLog log = new ShardRecordLog();
        int records = 300_000;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int i = 0; i < records; i++) {
                    log.append(new byte[] {(byte) i}, "key-" + (i % 7), 1_000 + i / 100);
                }
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    long read = 0;
                    while (read < records) {
                        long size = log.size();
                        for (; read < size; read++) {
                            assertThat(log.data(read)).containsExactly((byte) read);
                            assertThat(log.partitionKey(read)).isEqualTo("key-" + (read % 7));
                            assertThat(log.arrivalMillis(read)).isEqualTo(1_000 + read / 100);
                        }
                    }
                    return read;
                }));
            }
            writer.get();
            for (Future<Long> reader : readers) {
                assertThat(reader.get()).isEqualTo(records);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void keepsArrivalTimesMonotonicAndFindsTheFirstAtOrAfterATime() {
        ShardRecordLog log = new ShardRecordLog();
        log.append(new byte[0], "k", 100);
        log.append(new byte[0], "k", 200);
        log.append(new byte[0], "k", 150);
        log.append(new byte[0], "k", 300);
        assertThat(log.arrivalMillis(2)).isEqualTo(200);
        assertThat(log.firstArrivedAtOrAfter(50, log.size())).isZero();
        assertThat(log.firstArrivedAtOrAfter(200, log.size())).isEqualTo(1);
        assertThat(log.firstArrivedAtOrAfter(201, log.size())).isEqualTo(3);
        assertThat(log.firstArrivedAtOrAfter(301, log.size())).isEqualTo(4);
    }
}

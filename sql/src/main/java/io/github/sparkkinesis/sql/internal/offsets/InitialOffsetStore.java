package io.github.sparkkinesis.sql.internal.offsets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The query's initial offset, kept in the source's checkpoint folder the first time it is taken. Spark does not log
 * the start of the first batch, and asks the source for it again when it plans and runs that batch, and again
 * after a restart if the first batch had not completed: an initial offset taken anew each time (a {@code latest}
 * start is "the time the query started") would make those disagree.
 */
public final class InitialOffsetStore {

    static final String FILE = "kinesis-initial-offset.json";

    private final Path file;
    private final Configuration hadoopConf;
    private KinesisSourceOffset offset;

    public InitialOffsetStore(String checkpointLocation, Configuration hadoopConf) {
        this.file = new Path(checkpointLocation, FILE);
        this.hadoopConf = hadoopConf;
    }

    /** The stored initial offset, or the one {@code take} gives, stored first. */
    public synchronized KinesisSourceOffset get(Supplier<KinesisSourceOffset> take) {
        if (offset == null) {
            offset = readOrWrite(take);
        }
        return offset;
    }

    private KinesisSourceOffset readOrWrite(Supplier<KinesisSourceOffset> take) {
        try {
            FileSystem fs = file.getFileSystem(hadoopConf);
            if (fs.exists(file)) {
                try (InputStream in = fs.open(file)) {
                    return KinesisSourceOffset.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            KinesisSourceOffset taken = take.get();
            // Written under another name and renamed, so that a crash never leaves half a file to be read.
            Path temporary = new Path(file.getParent(), "." + FILE + ".tmp");
            try (OutputStream out = fs.create(temporary, true)) {
                out.write(taken.json().getBytes(StandardCharsets.UTF_8));
            }
            if (!fs.rename(temporary, file)) {
                throw new IOException("Could not rename " + temporary + " to " + file);
            }
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the kinesis source's initial offset in " + file, e);
        }
    }
}

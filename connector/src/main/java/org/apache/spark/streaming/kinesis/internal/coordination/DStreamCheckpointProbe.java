package org.apache.spark.streaming.kinesis.internal.coordination;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the newest DStream checkpoint that Spark has finished writing, from the files in the checkpoint directory.
 *
 * <p>Spark writes a checkpoint to a temporary file and renames it to {@code checkpoint-<batch time>} (keeping the
 * previous one as {@code .bk}), so a file with that name is complete. Its name is the newest batch time Spark had
 * checkpointed when it wrote it, and its content was taken after that batch was generated: every batch up to that
 * time is in it or had completed. Spark only logs a failed write, which is why the files are looked at rather than
 * Spark's intentions.
 */
final class DStreamCheckpointProbe {

    private static final Pattern CHECKPOINT_FILE = Pattern.compile("checkpoint-(\\d+)(\\.bk)?");

    private final Path directory;
    private final Configuration hadoopConf;

    DStreamCheckpointProbe(String directory, Configuration hadoopConf) {
        this.directory = new Path(directory);
        this.hadoopConf = hadoopConf;
    }

    /** The batch time of the newest complete checkpoint file, if there is one. */
    OptionalLong newestCheckpointTime() throws IOException {
        FileSystem fs = directory.getFileSystem(hadoopConf);
        FileStatus[] files;
        try {
            files = fs.listStatus(directory);
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        }
        long newest = -1;
        for (FileStatus file : files) {
            Matcher name = CHECKPOINT_FILE.matcher(file.getPath().getName());
            if (file.isFile() && name.matches()) {
                newest = Math.max(newest, Long.parseLong(name.group(1)));
            }
        }
        return newest < 0 ? OptionalLong.empty() : OptionalLong.of(newest);
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}

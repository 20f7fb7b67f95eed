package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A local file system under the {@code stall://} scheme whose file creations wait while a marker file exists: a
 * checkpoint store that hangs (as a remote one can), for tests of what happens when Spark's DStream checkpoint
 * writes do not get through. Reads, listings and renames are not held up.
 */
public final class StallingFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "stall";
    private static final URI ROOT = URI.create(SCHEME + ":///");
    private static volatile java.nio.file.Path marker;

    /** Makes Spark (and Hadoop) of this JVM use this file system for {@code stall://} paths. */
    public static void register(String markerFile) {
        marker = Paths.get(markerFile);
        System.setProperty("spark.hadoop.fs." + SCHEME + ".impl", StallingFileSystem.class.getName());
    }

    @Override
    public URI getUri() {
        return ROOT;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        awaitUnstalled();
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        awaitUnstalled();
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    private static void awaitUnstalled() throws IOException {
        java.nio.file.Path current = marker;
        while (current != null && Files.exists(current)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the store is stalled", e);
            }
        }
    }
}

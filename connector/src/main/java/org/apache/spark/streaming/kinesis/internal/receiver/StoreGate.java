package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets a receiver session's KCL threads store blocks until the session stops, and not one block after.
 *
 * <p>A KCL thread of a session whose graceful shutdown timed out can still be running when Spark has already
 * started the receiver again; a block it stored then would be a block of a dead session, beside the new session's
 * reading of the same records. Closing waits for stores in progress, so once {@link #close()} returns the session
 * stores nothing more.
 */
final class StoreGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Runs {@code store} unless the gate is closed; false if it was. */
    boolean storeIfOpen(Runnable store) {
        lock.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            store.run();
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Refuses stores from now on, and returns once the stores in progress are done. */
    void close() {
        closed = true;
        lock.writeLock().lock();
        lock.writeLock().unlock();
    }
}

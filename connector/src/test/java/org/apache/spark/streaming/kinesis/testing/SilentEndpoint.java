package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback endpoint that accepts connections and never answers on them: a service that hangs, or a proxy or
 * firewall that holds requests. Closing it closes the connections it holds.
 */
public final class SilentEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentEndpoint(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::acceptForever, "silent-endpoint-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port. */
    public static SilentEndpoint start() {
        try {
            return new SilentEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Its URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptForever() {
        try {
            while (!server.isClosed()) {
                held.add(server.accept());
            }
        } catch (IOException closed) {
            // close() ends the loop.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

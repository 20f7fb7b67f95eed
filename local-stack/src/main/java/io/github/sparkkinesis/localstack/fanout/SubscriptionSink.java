package io.github.sparkkinesis.localstack.fanout;

/** Where a subscription writes its event-stream messages: one HTTP response body, streamed. */
interface SubscriptionSink {

    /** Whether the client can take more now (HTTP/2 flow control, socket buffers). */
    boolean writable();

    /** Whether the client went away (reset the stream, closed the connection). */
    boolean closed();

    /** Writes one encoded message. */
    void send(byte[] message);

    /** Ends the response body: the client sees the subscription complete. */
    void end();
}

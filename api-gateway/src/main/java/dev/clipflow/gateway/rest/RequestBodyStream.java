package dev.clipflow.gateway.rest;

import io.smallrye.mutiny.vertx.MultiHelper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.stream.Stream;

/**
 * A request body read by a worker thread, with up to {@value #BUFFERS_IN_FLIGHT} socket reads (at most 64 KiB
 * each) queued between the event loop and the reader. Quarkus' own body stream asks Vert.x for one buffer at a
 * time, so for every 64 KiB the reader waits for the event loop and the event loop for the reader: a 240 MB
 * upload spent half its time in those hand-overs. Back-pressure is Mutiny's: the socket is read only as fast as
 * the reader empties the queue, so memory stays bounded whatever the upload size.
 */
final class RequestBodyStream extends InputStream {

    private static final int BUFFERS_IN_FLIGHT = 32;

    private final Stream<Buffer> stream;
    private final Iterator<Buffer> buffers;
    private Buffer current;
    private int position;
    private boolean ended;

    private RequestBodyStream(Stream<Buffer> stream) {
        this.stream = stream;
        this.buffers = stream.iterator();
    }

    /** Starts reading the (paused) body of {@code request}; a client silent for {@code idleTimeout} fails the read. */
    static RequestBodyStream of(HttpServerRequest request, Duration idleTimeout) {
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        return new RequestBodyStream(MultiHelper.toMulti(request)
                .ifNoItem().after(idleTimeout).failWith(() -> new IOException("no data for " + idleTimeout.toSeconds() + " s"))
                .subscribe().asStream(BUFFERS_IN_FLIGHT, () -> new ArrayBlockingQueue<>(BUFFERS_IN_FLIGHT)));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length()) {
            if (!nextBuffer()) {
                return -1;
            }
        }
        int count = Math.min(length, current.length() - position);
        current.getBytes(position, position + count, target, offset);
        position += count;
        return count;
    }

    private boolean nextBuffer() throws IOException {
        if (ended) {
            return false;
        }
        try {
            if (!buffers.hasNext()) {
                ended = true;
                current = null;
                return false;
            }
            current = buffers.next();
            position = 0;
            return true;
        } catch (RuntimeException e) {
            ended = true;
            current = null;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
            throw e.getCause() instanceof IOException cause ? cause : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Stops reading. Cancelling hands the request back to Vert.x, which discards whatever the client still sends
     * (the rest of a refused upload, the end of an accepted one), so the connection stays usable.
     */
    @Override
    public void close() {
        ended = true;
        current = null;
        stream.close();
    }
}

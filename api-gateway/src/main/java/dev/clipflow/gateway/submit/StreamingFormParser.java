package dev.clipflow.gateway.submit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.netty.handler.codec.http.multipart.MemoryAttribute;
import io.netty.handler.codec.http.multipart.MemoryFileUpload;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a multipart/form-data body part by part, straight from the request stream, with Netty's multipart
 * decoder (the one Vert.x uses; its boundary search is several times faster than commons-fileupload's).
 * Option fields are read whole, up to a limit each; a file part is handed over as soon as it starts and is
 * decoded only as fast as the caller reads it, so memory holds one read chunk, never the file.
 */
final class StreamingFormParser implements Closeable {

    /** The request or its file is larger than allowed. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** The body is not the multipart form its headers announce (bad boundary, cut short, too many parts). */
    static final class MalformedException extends IOException {
        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An option field is longer than allowed. */
    static final class FieldTooLongException extends IOException {
        private final String field;

        FieldTooLongException(String field) {
            super(field + " is too long");
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 64;
    /** Part headers and a partly seen boundary; a "header" that never ends is refused beyond this. */
    private static final int MAX_UNDECODED_BYTES = 1024 * 1024;

    private final InputStream body;
    private final long maxFileBytes;
    private final long maxRequestBytes;
    private final int maxFieldBytes;
    private final HttpRequest request;
    private final HttpPostMultipartRequestDecoder decoder;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private long requestBytes;
    private boolean bodyEnded;
    private boolean lastPartSeen;
    /** The file part the decoder is in, set when its headers are read. */
    private StreamedFile startedFile;
    /** The file part the caller was given last. */
    private StreamedFile currentFile;

    StreamingFormParser(String contentType, InputStream body, long maxFileBytes, long maxRequestBytes, int maxFieldBytes)
            throws MalformedException {
        this.body = body;
        this.maxFileBytes = maxFileBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.maxFieldBytes = maxFieldBytes;
        this.request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType == null ? "" : contentType);
        try {
            this.decoder = new HttpPostMultipartRequestDecoder(new StreamingParts(), request, StandardCharsets.UTF_8,
                    MAX_PARTS, MAX_UNDECODED_BYTES);
        } catch (DecoderException e) {
            throw new MalformedException("not a multipart form: " + e.getMessage(), e);
        }
        decoder.setDiscardThreshold(CHUNK_BYTES);
    }

    /** The next part, or null after the last one. What the caller left unread of a file part is skipped. */
    FormPart next() throws IOException {
        if (currentFile != null) {
            StreamedFile previous = currentFile;
            currentFile = null;
            previous.finish();
        }
        while (true) {
            FormPart part = nextDecoded();
            if (part != null || lastPartSeen) {
                return part;
            }
            if (bodyEnded) {
                throw new MalformedException("the body ended before the form's closing boundary", null);
            }
            feed();
        }
    }

    private FormPart nextDecoded() throws IOException {
        try {
            while (decoder.hasNext()) {
                InterfaceHttpData data = decoder.next();
                if (data instanceof StreamedFile file) {
                    if (!file.handedOut) {
                        return handOut(file);
                    }
                } else if (data instanceof Attribute field) {
                    try {
                        return new FormPart.Field(field.getName(), field.getValue());
                    } finally {
                        field.release();
                    }
                }
            }
        } catch (HttpPostRequestDecoder.EndOfDataDecoderException e) {
            lastPartSeen = true;
        }
        // A file part is handed over when it starts, not when it is complete.
        return startedFile != null && !startedFile.handedOut ? handOut(startedFile) : null;
    }

    private FormPart handOut(StreamedFile file) {
        file.handedOut = true;
        currentFile = file;
        return new FormPart.File(file.getName(), file.getFilename(), file.getContentType(), file.bytes);
    }

    /** Reads one chunk of the body into the decoder, which passes any file bytes in it on to the started file. */
    private void feed() throws IOException {
        int read = body.read(chunk);
        HttpContent content;
        if (read < 0) {
            bodyEnded = true;
            content = LastHttpContent.EMPTY_LAST_CONTENT;
        } else {
            requestBytes += read;
            if (requestBytes > maxRequestBytes) {
                throw new TooLargeException("the request is larger than " + maxRequestBytes + " bytes");
            }
            content = new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, read));
        }
        try {
            decoder.offer(content);
        } catch (DecoderException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLargeException || cause instanceof FieldTooLongException) {
                    throw (IOException) cause;
                }
            }
            throw new MalformedException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        decoder.destroy();
        for (StreamedFile file : new StreamedFile[] {currentFile, startedFile}) {
            if (file != null) {
                file.freeBuffer();
            }
        }
    }

    /** Creates fields with a size limit, and file parts that stream instead of collecting their content. */
    private final class StreamingParts extends DefaultHttpDataFactory {

        StreamingParts() {
            super(false);
        }

        @Override
        public Attribute createAttribute(HttpRequest request, String name) {
            return new LimitedField(name);
        }

        @Override
        public Attribute createAttribute(HttpRequest request, String name, long definedSize) {
            return new LimitedField(name);
        }

        @Override
        public FileUpload createFileUpload(HttpRequest request, String name, String fileName, String contentType,
                String transferEncoding, Charset charset, long size) {
            StreamedFile file = new StreamedFile(name, fileName, contentType, transferEncoding, charset, size);
            startedFile = file;
            return file;
        }
    }

    private final class LimitedField extends MemoryAttribute {

        LimitedField(String name) {
            super(name, StandardCharsets.UTF_8);
        }

        @Override
        public void checkSize(long newSize) throws IOException {
            if (newSize > maxFieldBytes) {
                throw new FieldTooLongException(getName());
            }
        }
    }

    /** A file part whose bytes wait in {@code pending} until the caller reads them. */
    private final class StreamedFile extends MemoryFileUpload {

        private final ByteBuf pending = Unpooled.buffer(CHUNK_BYTES);
        private final FileBytes bytes = new FileBytes();
        private long received;
        private boolean handedOut;

        StreamedFile(String name, String fileName, String contentType, String transferEncoding, Charset charset, long size) {
            super(name, fileName, contentType, transferEncoding, charset, size);
        }

        @Override
        public void addContent(ByteBuf buffer, boolean last) throws IOException {
            try {
                received += buffer.readableBytes();
                if (received > maxFileBytes) {
                    throw new TooLargeException("the file is larger than " + maxFileBytes + " bytes");
                }
                pending.discardReadBytes().writeBytes(buffer);
            } finally {
                buffer.release();
            }
            if (last) {
                setCompleted();
            }
        }

        /** Reads on to the end of the part, dropping what the caller did not read, and frees the buffer. */
        void finish() throws IOException {
            try {
                bytes.skip(Long.MAX_VALUE);
            } finally {
                freeBuffer();
            }
        }

        void freeBuffer() {
            if (pending.refCnt() > 0) {
                pending.release();
            }
        }

        private final class FileBytes extends InputStream {

            @Override
            public int read() throws IOException {
                if (!awaitBytes()) {
                    return -1;
                }
                return pending.readByte() & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!awaitBytes()) {
                    return -1;
                }
                int count = Math.min(length, pending.readableBytes());
                pending.readBytes(target, offset, count);
                return count;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = 0;
                while (skipped < n && awaitBytes()) {
                    int count = (int) Math.min(n - skipped, pending.readableBytes());
                    pending.skipBytes(count);
                    skipped += count;
                }
                return skipped;
            }

            /** Feeds the decoder until bytes of this part wait; false at the end of the part. */
            private boolean awaitBytes() throws IOException {
                while (!pending.isReadable()) {
                    if (isCompleted()) {
                        return false;
                    }
                    if (bodyEnded) {
                        throw new MalformedException("the body ended inside the file part '" + getName() + "'", null);
                    }
                    feed();
                }
                return true;
            }
        }
    }
}

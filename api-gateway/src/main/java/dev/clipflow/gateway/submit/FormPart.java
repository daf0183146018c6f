package dev.clipflow.gateway.submit;

import java.io.InputStream;

/** One part of a multipart/form-data request, in the order the client sent them. */
sealed interface FormPart {

    String name();

    /** An option field, read whole. */
    record Field(String name, String value) implements FormPart {
    }

    /**
     * A file, streamed: {@code content} reads it from the request as it arrives, and is read to its end
     * (or left unread) before the next part is asked for.
     */
    record File(String name, String fileName, String contentType, InputStream content) implements FormPart {
    }
}

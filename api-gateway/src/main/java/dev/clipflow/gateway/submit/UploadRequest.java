package dev.clipflow.gateway.submit;

import java.io.InputStream;

/** The raw multipart request: its headers plus the unread body stream. */
public record UploadRequest(String contentType, long contentLength, InputStream body) {
}

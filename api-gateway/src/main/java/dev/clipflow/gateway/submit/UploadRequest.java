package dev.clipflow.gateway.submit;

import java.io.InputStream;
import org.apache.commons.fileupload2.core.RequestContext;

/** The raw multipart request as commons-fileupload reads it: headers plus the unread body stream. */
public record UploadRequest(String contentType, long contentLength, InputStream body) implements RequestContext {

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public InputStream getInputStream() {
        return body;
    }

    @Override
    public boolean isMultipartRelated() {
        return false;
    }
}

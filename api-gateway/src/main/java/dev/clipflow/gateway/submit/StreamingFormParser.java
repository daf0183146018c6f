package dev.clipflow.gateway.submit;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;

/**
 * commons-fileupload's streaming API only: parts are read one after the other straight from the
 * request, nothing is buffered to memory or disk. The item-collecting methods are refused.
 */
final class StreamingFormParser extends AbstractFileUpload<UploadRequest, DiskFileItem, DiskFileItemFactory> {

    StreamingFormParser(long maxFileBytes, long maxRequestBytes) {
        setFileSizeMax(maxFileBytes);
        setSizeMax(maxRequestBytes);
        setFileCountMax(64);
    }

    @Override
    public FileItemInputIterator getItemIterator(UploadRequest request) throws FileUploadException, IOException {
        return super.getItemIterator((org.apache.commons.fileupload2.core.RequestContext) request);
    }

    @Override
    public Map<String, List<DiskFileItem>> parseParameterMap(UploadRequest request) {
        throw new UnsupportedOperationException("uploads are streamed, never collected");
    }

    @Override
    public List<DiskFileItem> parseRequest(UploadRequest request) {
        throw new UnsupportedOperationException("uploads are streamed, never collected");
    }
}

package dev.clipflow.store.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.Map;

/**
 * Attributes as user-defined extended attributes of the file itself ({@code user.clipflow.*}): they move
 * with the file on the atomic rename, and the folder holds nothing but the objects.
 */
final class ExtendedAttributeStore implements AttributeStore {

    private static final String CONTENT_TYPE = "clipflow.content-type";
    private static final String SHA256 = "clipflow.sha256";
    private static final String META_PREFIX = "clipflow.meta.";

    /** True when the file system under {@code dir} keeps user-defined attributes. */
    static boolean supportedIn(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".clipflow-probe-", "");
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) {
                return false;
            }
            view.write(SHA256, StandardCharsets.US_ASCII.encode("probe"));
            return view.list().contains(SHA256);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover probe is hidden from listings
                }
            }
        }
    }

    @Override
    public void write(Path tempFile, String key, StoredAttributes attributes) throws IOException {
        UserDefinedFileAttributeView view = view(tempFile);
        if (attributes.contentType() != null) {
            view.write(CONTENT_TYPE, StandardCharsets.UTF_8.encode(attributes.contentType()));
        }
        if (attributes.sha256() != null) {
            view.write(SHA256, StandardCharsets.US_ASCII.encode(attributes.sha256()));
        }
        for (Map.Entry<String, String> entry : attributes.userMetadata().entrySet()) {
            view.write(META_PREFIX + entry.getKey(), StandardCharsets.US_ASCII.encode(entry.getValue()));
        }
    }

    @Override
    public StoredAttributes read(Path file, String key) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        String contentType = null;
        String sha256 = null;
        Map<String, String> metadata = new HashMap<>();
        for (String name : view.list()) {
            if (name.equals(CONTENT_TYPE)) {
                contentType = read(view, name);
            } else if (name.equals(SHA256)) {
                sha256 = read(view, name);
            } else if (name.startsWith(META_PREFIX)) {
                metadata.put(name.substring(META_PREFIX.length()), read(view, name));
            }
        }
        return new StoredAttributes(contentType, sha256, metadata);
    }

    @Override
    public String sha256(Path file, String key) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        return view.list().contains(SHA256) ? read(view, SHA256) : null;
    }

    @Override
    public void delete(String key) {
        // the attributes went with the file
    }

    private static UserDefinedFileAttributeView view(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            throw new IOException("no user-defined attributes on " + file);
        }
        return view;
    }

    private static String read(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}

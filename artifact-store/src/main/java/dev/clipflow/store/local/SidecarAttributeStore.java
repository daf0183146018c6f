package dev.clipflow.store.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Attributes in a hidden tree {@code {root}/.clipflow-meta/{key}} (a properties file per object), for file
 * systems without user-defined attributes. The job folders keep the same layout as in S3; listings skip
 * the hidden tree.
 */
final class SidecarAttributeStore implements AttributeStore {

    static final String DIRECTORY = ".clipflow-meta";
    private static final String CONTENT_TYPE = "content-type";
    private static final String SHA256 = "sha256";
    private static final String META_PREFIX = "meta.";

    private final Path metaRoot;

    SidecarAttributeStore(Path root) {
        this.metaRoot = root.resolve(DIRECTORY);
    }

    @Override
    public void write(Path tempFile, String key, StoredAttributes attributes) throws IOException {
        Properties properties = new Properties();
        if (attributes.contentType() != null) {
            properties.setProperty(CONTENT_TYPE, attributes.contentType());
        }
        if (attributes.sha256() != null) {
            properties.setProperty(SHA256, attributes.sha256());
        }
        attributes.userMetadata().forEach((name, value) -> properties.setProperty(META_PREFIX + name, value));
        Path sidecar = sidecar(key);
        Files.createDirectories(sidecar.getParent());
        Path temp = Files.createTempFile(sidecar.getParent(), ".clipflow-tmp-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, null);
            }
            Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public StoredAttributes read(Path file, String key) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(sidecar(key))) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return new StoredAttributes(null, null, Map.of());
        }
        Map<String, String> metadata = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(META_PREFIX)) {
                metadata.put(name.substring(META_PREFIX.length()), properties.getProperty(name));
            }
        }
        return new StoredAttributes(properties.getProperty(CONTENT_TYPE), properties.getProperty(SHA256), metadata);
    }

    @Override
    public String sha256(Path file, String key) throws IOException {
        return read(file, key).sha256();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(sidecar(key));
    }

    private Path sidecar(String key) {
        return metaRoot.resolve(key);
    }
}

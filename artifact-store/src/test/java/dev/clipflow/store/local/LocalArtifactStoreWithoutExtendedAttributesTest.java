package dev.clipflow.store.local;

import java.nio.file.Path;

/** The same contract where the file system has no user-defined attributes: metadata in the hidden tree. */
class LocalArtifactStoreWithoutExtendedAttributesTest extends LocalArtifactStoreTest {

    @Override
    protected LocalArtifactStore newStore(Path root) {
        return new LocalArtifactStore(root, true);
    }
}

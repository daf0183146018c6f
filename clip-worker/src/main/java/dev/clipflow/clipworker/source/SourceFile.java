package dev.clipflow.clipworker.source;

import dev.clipflow.clipworker.render.JobWorkspace;
import java.nio.file.Path;

/**
 * A job's source as ffmpeg reads it: a copy in the job's folder, or the stored upload itself when
 * storage is a local disk ({@code copied == false}), which stays untouched.
 */
public record SourceFile(Path path, boolean copied) {

    static SourceFile copyAt(Path path) {
        return new SourceFile(path, true);
    }

    static SourceFile inPlace(Path path) {
        return new SourceFile(path, false);
    }

    /** Removes the copy once the clips are rendered; a source read in place is left where it is. */
    public void release() {
        if (copied) {
            JobWorkspace.deleteQuietly(path);
        }
    }
}

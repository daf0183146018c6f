package dev.clipflow.clipworker.render;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.layout.Titles;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;

/**
 * A job's folder {@code {WORK_DIR}/{job_id}/}: final file names from {@link ObjectKeys}, {@code temp_*}
 * names for work in progress, and publication by atomic rename so a final name only ever holds a
 * complete file.
 */
public final class JobWorkspace {

    private final Path dir;
    private final String title;

    public JobWorkspace(Path workDir, String jobId, String title) {
        this.dir = workDir.resolve(JobId.requireValid(jobId));
        this.title = Titles.sanitize(title);
    }

    public Path dir() {
        return dir;
    }

    public String title() {
        return title;
    }

    public Path create() {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the job folder " + dir, e);
        }
    }

    public Path clip(int number) {
        return dir.resolve(ObjectKeys.clipFile(title, number));
    }

    public Path thumbnail(int number) {
        return dir.resolve(ObjectKeys.thumbnailFile(title, number));
    }

    /** The clip's captions in clip time: {@code srt} or {@code vtt}. */
    public Path subtitles(int number, String extension) {
        return dir.resolve(ObjectKeys.subtitlesFile(title, number, extension));
    }

    public Path metadata() {
        return dir.resolve(ObjectKeys.metadataFile(title));
    }

    public Path source(String extension) {
        return dir.resolve(ObjectKeys.TEMP_PREFIX + "source." + extension);
    }

    /** Where a file is written before it is {@link #publish published} under its final name. */
    public Path temporaryFor(Path finalFile) {
        return dir.resolve(ObjectKeys.TEMP_PREFIX + finalFile.getFileName());
    }

    public void publish(Path temporary, Path finalFile) {
        try {
            try {
                Files.move(temporary, finalFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, finalFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + finalFile, e);
        }
    }

    /** Removes what an interrupted run left behind: every {@code temp_*} file of the job. */
    public void removeTemporaries() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> ObjectKeys.isTemporary(f.getFileName().toString())).forEach(JobWorkspace::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RenderedArtifact artifact(Path file, ArtifactKind kind, Integer clipNumber) {
        try {
            return new RenderedArtifact(file.getFileName().toString(), kind, clipNumber, Files.size(file), sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static String sha256(Path file) throws IOException {
        return new DigestUtils(MessageDigestAlgorithms.SHA_256).digestAsHex(file);
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removed on the next run of the job
        }
    }
}

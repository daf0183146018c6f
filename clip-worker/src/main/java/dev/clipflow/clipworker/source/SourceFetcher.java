package dev.clipflow.clipworker.source;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.source.RejectedSourceUrlException;
import dev.clipflow.contracts.source.SourceUrlClient;
import dev.clipflow.contracts.source.SourceUrlClient.UnreachableUrlException;
import dev.clipflow.contracts.source.SourceUrlPolicy;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.store.ObjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Makes a job's source readable as a local file: the uploaded object in place when storage is a local
 * disk, else copied from the artifact store into the job's folder as {@code temp_source.{ext}}; or a
 * {@code source_url} downloaded there through the {@link SourceUrlClient} (every redirect checked against
 * the same policy as the gateway), with the size cap and a download deadline.
 */
@ApplicationScoped
public class SourceFetcher {

    private static final Pattern EXTENSION = Pattern.compile("^[a-z0-9]{1,8}$");

    private final ArtifactStore store;
    private final ClipWorkerConfig.Source config;
    private final SourceUrlClient client;

    @Inject
    public SourceFetcher(ArtifactStore store, ClipWorkerConfig config) {
        this(store, config.source());
    }

    public SourceFetcher(ArtifactStore store, ClipWorkerConfig.Source config) {
        this.store = store;
        this.config = config;
        this.client = new SourceUrlClient(new SourceUrlPolicy(config.allowPrivate()), config.connectTimeout(),
                config.maxRedirects());
    }

    public SourceFile fetch(JobRequested job, JobWorkspace workspace) {
        workspace.create();
        JobSource source = job.source();
        return source.isUpload() ? fromStore(job.jobId(), source, workspace) : fromUrl(source.url(), workspace);
    }

    private SourceFile fromStore(String jobId, JobSource source, JobWorkspace workspace) {
        String key = source.storageKey();
        if (!key.startsWith(ObjectKeys.uploadPrefix(jobId))) {
            throw new JobFailure(FailureCode.SOURCE_FORBIDDEN, "the job's source must be one of its own uploads (uploads/"
                    + jobId + "/...)");
        }
        Optional<ObjectInfo> info = store.head(key);
        if (info.isEmpty()) {
            throw new JobFailure(FailureCode.SOURCE_UNREACHABLE, "the uploaded source " + key + " is no longer in storage");
        }
        checkSize(info.get().size());
        Optional<Path> inPlace = store.localFile(key);
        if (inPlace.isPresent()) {
            return SourceFile.inPlace(inPlace.get());
        }
        Path target = workspace.source(extensionOf(key));
        try (InputStream in = store.get(key)) {
            copyCapped(in, target);
        } catch (NoSuchObjectException gone) {
            throw new JobFailure(FailureCode.SOURCE_UNREACHABLE, "the uploaded source " + key + " is no longer in storage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the uploaded source to " + target, e);
        }
        return SourceFile.copyAt(target);
    }

    private SourceFile fromUrl(String url, JobWorkspace workspace) {
        SourceUrlClient.Fetched fetched;
        try {
            fetched = client.get(url, config.responseTimeout());
        } catch (RejectedSourceUrlException e) {
            throw new JobFailure(FailureCode.SOURCE_FORBIDDEN, e.getMessage());
        } catch (UnreachableUrlException e) {
            throw new JobFailure(FailureCode.SOURCE_UNREACHABLE, "the source URL " + e.getMessage(), e.mayPassLater());
        }
        Path target = workspace.source(extensionOf(fetched.uri().getPath()));
        InputStream body = fetched.body();
        // A stalled download is cut off by closing its stream at the deadline.
        CompletableFuture.runAsync(() -> closeQuietly(body),
                CompletableFuture.delayedExecutor(config.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS));
        try (body) {
            fetched.contentLength().ifPresent(this::checkSize);
            copyCapped(body, target);
        } catch (IOException e) {
            JobWorkspace.deleteQuietly(target);
            throw new JobFailure(FailureCode.SOURCE_UNREACHABLE, "the download of the source URL broke off: " + e.getMessage(), true);
        }
        return SourceFile.copyAt(target);
    }

    private void copyCapped(InputStream in, Path target) throws IOException {
        long cap = maxBytes();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                total += read;
                if (total > cap) {
                    out.close();
                    JobWorkspace.deleteQuietly(target);
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private void checkSize(long size) {
        if (size > maxBytes()) {
            throw tooLarge();
        }
    }

    private JobFailure tooLarge() {
        return new JobFailure(FailureCode.SOURCE_TOO_LARGE, "the source is larger than " + config.maxFileSizeMb() + " MB");
    }

    private long maxBytes() {
        return config.maxFileSizeMb() * 1024 * 1024;
    }

    static String extensionOf(String path) {
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(ext).matches() ? ext : "bin";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it anyway
        }
    }
}

package dev.clipflow.store.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The caller's stream on its way to S3: digests what passes, and fails the read that would complete the
 * object when the SHA-256 is not the one expected, so the upload cannot complete (the SDK then aborts the
 * multipart upload). Remembers whether the failure came from the caller's side.
 */
final class SourceStream extends FilterInputStream {

    /** The bytes were read whole but do not have the expected SHA-256. */
    static final class ChecksumMismatch extends IOException {
        final String actual;

        ChecksumMismatch(String actual) {
            super("sha256 mismatch: got " + actual);
            this.actual = actual;
        }
    }

    private final long knownLength;
    private final String expectedSha256;
    private final MessageDigest digest;
    private long count;
    private boolean verified;
    private volatile IOException failure;

    SourceStream(InputStream in, long knownLength, String expectedSha256) {
        super(in);
        this.knownLength = knownLength;
        this.expectedSha256 = expectedSha256;
        this.digest = DigestUtils.getSha256Digest();
    }

    /** The caller-side failure (stream error or checksum mismatch) that ended the upload, if any. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        }
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        if (n < 0 || count == knownLength) {
            verify();
        }
        return n;
    }

    private void verify() throws IOException {
        if (verified || expectedSha256 == null) {
            return;
        }
        verified = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            ChecksumMismatch mismatch = new ChecksumMismatch(actual);
            failure = mismatch;
            throw mismatch;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would bypass the checksum");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

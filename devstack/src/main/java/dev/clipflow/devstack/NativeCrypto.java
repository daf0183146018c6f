package dev.clipflow.devstack;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes Amazon Corretto Crypto Provider (AWS-LC, native) the first security provider of every test JVM that has
 * devstack on its class path, before any test runs.
 *
 * <p>Test JVMs compile with C1 only ({@code test.jvm.options} in the root pom), and C1 has no SHA-256 intrinsic: the
 * JDK's own SHA-256 runs at about 140 MB/s there, against 1.5 GB/s natively. The storage and upload tests push
 * gigabytes through SHA-256 (the store's checksums, the SDK's part checksums, S3Proxy's signature checks), so
 * hashing was a third to two thirds of their CPU. The digests are the same; only who computes them changes
 * (docs/architecture.md, Running).
 */
public final class NativeCrypto implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Throwable unavailable = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (unavailable != null) {
            // Not a failure: the tests run on the JDK's providers, only slower.
            System.err.println("devstack: native crypto unavailable, tests hash with the JDK's SHA-256: " + unavailable);
            return;
        }
        AmazonCorrettoCryptoProvider.install();
    }
}

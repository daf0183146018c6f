package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.store.config.TestStorageConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Which keys the S3 clients sign with: both static keys, or else whatever the AWS default chain finds. */
class StorageCredentialsTest {

    private static StorageCredentials credentials(Map<String, String> keys) {
        Map<String, String> environment = new HashMap<>(keys);
        environment.put("STORAGE_TYPE", "s3");
        return new StorageCredentials(TestStorageConfig.from(environment));
    }

    @Test
    void staticKeysAreUsedWhenBothAreGiven() {
        StorageCredentials both = credentials(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"));

        AwsCredentials resolved = both.resolveCredentials();

        assertThat(both.usesStaticKeys()).isTrue();
        assertThat(both.found()).isTrue();
        assertThat(resolved.accessKeyId()).isEqualTo("id");
        assertThat(resolved.secretAccessKey()).isEqualTo("secret");
    }

    @Test
    void withOnlyOneKeyTheDefaultChainIsUsed() {
        System.setProperty("aws.accessKeyId", "chain-id");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try {
            StorageCredentials half = credentials(Map.of("AWS_ACCESS_KEY_ID", "id"));

            AwsCredentials resolved = half.resolveCredentials();

            assertThat(half.usesStaticKeys()).isFalse();
            assertThat(half.found()).isTrue();
            assertThat(resolved.accessKeyId()).isEqualTo("chain-id");
            assertThat(resolved.secretAccessKey()).isEqualTo("chain-secret");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}

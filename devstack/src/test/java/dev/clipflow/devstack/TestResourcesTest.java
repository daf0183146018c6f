package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import dev.clipflow.contracts.Topics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class TestResourcesTest {

    @Test
    void theKafkaResourceSharesOneBrokerWithTheClipflowTopics() throws Exception {
        Map<String, String> first = new KafkaTestResource().start();
        Map<String, String> second = new KafkaTestResource().start();

        String bootstrap = KafkaTestResource.broker().bootstrapServers();
        assertThat(first).containsEntry("kafka.bootstrap.servers", bootstrap)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        assertThat(second).isEqualTo(first);
        try (Admin admin = KafkaTestResource.broker().admin()) {
            var topics = admin.describeTopics(List.of(Topics.ALL)).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(12));
        }
    }

    @Test
    void aSharedBrokerStoppedByOneTestClassIsBroughtBackForTheNext() {
        KafkaTestResource.broker().stop();
        assertThat(KafkaTestResource.broker().isRunning()).isFalse();

        new KafkaTestResource().start();

        assertThat(KafkaTestResource.broker().isRunning()).isTrue();
    }

    @Test
    void theSharedServersLiveInTheSystemClassLoaderSoEveryTestProfileSeesTheSameOnes() throws Exception {
        String bootstrap = KafkaTestResource.broker().bootstrapServers();
        String endpoint = S3TestResource.server().endpoint();
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);

        // Like Quarkus for a new test profile: the same classes again, in a class loader of their own.
        try (URLClassLoader profileLoader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> resource = profileLoader.loadClass(KafkaTestResource.class.getName());
            assertThat(resource).isNotSameAs(KafkaTestResource.class);
            Object broker = resource.getMethod("broker").invoke(null);
            Object server = profileLoader.loadClass(S3TestResource.class.getName()).getMethod("server").invoke(null);

            assertThat(broker.getClass().getMethod("bootstrapServers").invoke(broker)).isEqualTo(bootstrap);
            assertThat(server.getClass().getMethod("endpoint").invoke(server)).isEqualTo(endpoint);

            // A test in that profile takes the broker away and brings it back, with its own context class loader.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(profileLoader);
            try {
                broker.getClass().getMethod("stop").invoke(broker);
                assertThat(KafkaTestResource.broker().isRunning()).isFalse();
                broker.getClass().getMethod("restart").invoke(broker);
            } finally {
                thread.setContextClassLoader(previous);
            }
            assertThat(KafkaTestResource.broker().isRunning()).isTrue();
            KafkaTestResource.broker().createTopics(1, "after-restart-from-another-class-loader");
        }
    }

    @Test
    void theS3ResourceGivesTheStorageSettingsUnderTheirDesignNames() {
        Map<String, String> config = new S3TestResource().start();

        S3Server server = S3TestResource.server();
        assertThat(config).containsOnly(
                Map.entry("STORAGE_TYPE", "s3"),
                Map.entry("S3_ENDPOINT", server.endpoint()),
                Map.entry("S3_PATH_STYLE", "true"),
                Map.entry("AWS_S3_BUCKET", "clipflow-test"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", server.accessKey()),
                Map.entry("AWS_SECRET_ACCESS_KEY", server.secretKey()));
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(config.get("S3_ENDPOINT")))
                .region(Region.of(config.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.get("AWS_ACCESS_KEY_ID"), config.get("AWS_SECRET_ACCESS_KEY"))))
                .forcePathStyle(true)
                .build()) {
            s3.headBucket(b -> b.bucket(config.get("AWS_S3_BUCKET")));
        }
        assertThat(new S3TestResource().start()).isEqualTo(config);
    }
}

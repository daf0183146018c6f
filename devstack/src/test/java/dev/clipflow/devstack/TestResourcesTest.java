package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
    void aStoppedSharedBrokerIsBroughtBackForTheNextTestClass() {
        KafkaTestResource resource = new KafkaTestResource();
        resource.start();
        resource.stop();
        KafkaTestResource.broker().stop();

        assertThat(KafkaTestResource.broker().isRunning()).isTrue();
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

package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** deploy/s3: the JSON documents given to the AWS CLI for the production bucket. */
class S3PoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void iamPolicyGrantsOnlyTheActionsTheServicesUseOnTheProductionBucket() throws IOException {
        JsonNode policy = json("iam-policy.json");
        String bucket = Rendered.of("deploy/kubernetes/overlays/prod").typed(ConfigMap.class, "clipflow-config").getData().get("AWS_S3_BUCKET");

        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            String resource = statement.get("Resource").asText();
            statement.get("Action").forEach(action -> {
                actions.add(action.asText());
                // Bucket-level actions on the bucket ARN, object-level ones on its objects.
                assertThat(resource).isEqualTo(action.asText().equals("s3:ListBucket")
                        ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/*");
            });
        }
        assertThat(actions).containsExactlyInAnyOrder(
                "s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:AbortMultipartUpload", "s3:DeleteObject");
    }

    @Test
    void lifecycleExpiresUploadsTiersClipsAndAbortsStaleMultipartUploads() throws IOException {
        JsonNode rules = json("lifecycle.json").get("Rules");

        assertThat(rules).allSatisfy(rule -> assertThat(rule.get("Status").asText()).isEqualTo("Enabled"));
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.at("/Filter/Prefix").asText()).isEqualTo("uploads/");
            assertThat(rule.at("/Expiration/Days").asInt()).isEqualTo(4);
        });
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.at("/Transitions/0/Days").asInt()).isEqualTo(30);
            assertThat(rule.at("/Transitions/0/StorageClass").asText()).isIn("INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER");
        });
        assertThat(rules).anySatisfy(rule ->
                assertThat(rule.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt()).isEqualTo(7));
    }

    @Test
    void bucketBlocksPublicAccessAndEncryptsByDefault() throws IOException {
        JsonNode block = json("public-access-block.json");
        JsonNode encryption = json("encryption.json");

        assertThat(List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"))
                .allSatisfy(flag -> assertThat(block.get(flag).asBoolean()).as(flag).isTrue());
        assertThat(encryption.at("/Rules/0/ApplyServerSideEncryptionByDefault/SSEAlgorithm").asText()).isIn("AES256", "aws:kms");
    }

    @Test
    void roleTrustsOnlyTheClipflowServiceAccount() throws IOException {
        JsonNode condition = json("trust-policy.json").at("/Statement/0/Condition/StringEquals");

        List<String> subjects = new ArrayList<>();
        condition.properties().forEach(field -> {
            if (field.getKey().endsWith(":sub")) {
                subjects.add(field.getValue().asText());
            }
        });
        assertThat(subjects).containsExactly("system:serviceaccount:clipflow:clipflow");
    }

    private static JsonNode json(String file) throws IOException {
        return JSON.readTree(Repo.read(Repo.path("deploy/s3/" + file)));
    }
}

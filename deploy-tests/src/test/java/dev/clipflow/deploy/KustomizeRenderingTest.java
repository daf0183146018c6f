package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

class KustomizeRenderingTest {

    static final List<String> DIRECTORIES = Rendered.DIRECTORIES;
    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    /** Custom resources the manifests use, with the API version their operators serve. */
    private static final Set<String> KNOWN_CUSTOM_KINDS = Set.of(
            "keda.sh/v1alpha1/ScaledObject",
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic");

    @ParameterizedTest
    @FieldSource("DIRECTORIES")
    void everyKustomizationRendersIntoTypedKubernetesResourcesWithoutUnknownFields(String directory) {
        Rendered rendered = Rendered.of(directory);

        assertThat(rendered.resources()).isNotEmpty();
        for (Map<String, Object> resource : rendered.resources()) {
            String id = Kustomize.idOf(resource);
            Class<? extends KubernetesResource> type = Rendered.builtInType(resource);
            if (type == null) {
                assertThat(resource.get("apiVersion") + "/" + Kustomize.kindOf(resource))
                        .as("custom resource %s", id).isIn(KNOWN_CUSTOM_KINDS);
                continue;
            }
            HasMetadata model = (HasMetadata) Rendered.SERIALIZATION.convertValue(resource, type);
            assertThat(model.getMetadata().getName()).as(id).isNotBlank();
            assertThat(UnknownFields.in(model)).as("fields %s does not know", type.getSimpleName()).isEmpty();
        }
    }

    @Test
    void baseHoldsEveryKindOfResourceTheServicesNeed() {
        Rendered base = Rendered.of("deploy/kubernetes/base");

        assertThat(base.resources()).extracting(Kustomize::kindOf).contains("Deployment", "Service", "Ingress",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "ConfigMap", "Secret",
                "ServiceAccount", "ScaledObject");
        assertThat(base.typed(io.fabric8.kubernetes.api.model.apps.Deployment.class))
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ServiceCatalog.names());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlaysPutEverythingInTheClipflowNamespaceWithKafka(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        assertThat(rendered.resources()).filteredOn(resource -> !Kustomize.CLUSTER_SCOPED_KINDS.contains(Kustomize.kindOf(resource)))
                .allSatisfy(resource -> assertThat(Kustomize.metadata(resource).get("namespace")).as(Kustomize.idOf(resource))
                        .isEqualTo("clipflow"));
        assertThat(rendered.custom("kafka.strimzi.io", "Kafka")).hasSize(1);
    }

    @Test
    void loaderRefusesFieldsItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: x-\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("namePrefix");
    }

    @Test
    void loaderRefusesAPatchWhoseTargetIsMissing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: w\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- cm.yaml\npatches:\n- path: patch.yaml\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("patch target not found");
    }

    @Test
    void loaderMergesContainersByNameAndReplacesImagesAndReplicas(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          image: registry:5000/team/app:1
                          env:
                            - name: A
                              value: "1"
                        - name: sidecar
                          image: sidecar:2
                """);
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: B
                              value: "2"
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns
                resources:
                - deployment.yaml
                patches:
                - path: patch.yaml
                replicas:
                - name: app
                  count: 3
                images:
                - name: registry:5000/team/app
                  newTag: "7"
                """);

        Map<String, Object> deployment = Kustomize.render(dir).get(0);

        assertThat(Maps.<Object>at(deployment, "metadata.namespace")).isEqualTo("ns");
        assertThat(Maps.intAt(deployment, "spec.replicas")).isEqualTo(3);
        List<Map<String, Object>> containers = Maps.at(deployment, "spec.template.spec.containers");
        assertThat(containers).extracting(container -> container.get("image")).containsExactly("registry:5000/team/app:7", "sidecar:2");
        assertThat((List<?>) containers.get(0).get("env")).hasSize(2);
    }
}

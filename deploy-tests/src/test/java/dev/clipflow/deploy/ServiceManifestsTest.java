package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The four services' Deployments, Services and companions, checked against what each service exposes and reads. */
class ServiceManifestsTest {

    static final List<String> WITH_SERVICES = List.of(
            "deploy/kubernetes/base", "deploy/kubernetes/overlays/dev", "deploy/kubernetes/overlays/prod");

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void probesAskEachServiceForItsOwnHealthEndpointsOnItsHttpPort(String directory) {
        Rendered rendered = Rendered.of(directory);
        for (String name : ServiceCatalog.names()) {
            Container container = serviceContainer(rendered, name);
            int port = ServiceCatalog.httpPort(name);

            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).as(name).contains(port);
            assertProbe(container, container.getStartupProbe(), ServiceCatalog.healthPath(name, "started"), port);
            assertProbe(container, container.getLivenessProbe(), ServiceCatalog.healthPath(name, "live"), port);
            assertProbe(container, container.getReadinessProbe(), ServiceCatalog.healthPath(name, "ready"), port);
            env(container, "QUARKUS_HTTP_PORT").ifPresent(value -> assertThat(value).as(name).isEqualTo(String.valueOf(port)));

            Map<String, String> annotations = rendered.typed(Deployment.class, name).getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as(name).containsEntry("prometheus.io/port", String.valueOf(port))
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void servicesIngressAndGatewayRouteReachTheContainerPorts(String directory) {
        Rendered rendered = Rendered.of(directory);
        for (String name : ServiceCatalog.names()) {
            Service service = rendered.typed(Service.class, name);
            Deployment deployment = rendered.typed(Deployment.class, name);
            Container container = serviceContainer(rendered, name);

            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).as(name).allSatisfy(servicePort ->
                    assertThat(resolvePort(container, servicePort.getTargetPort())).isEqualTo(ServiceCatalog.httpPort(name)));
        }

        Ingress ingress = rendered.typed(Ingress.class, "api-gateway");
        List<IngressBackend> backends = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).map(path -> path.getBackend()).toList();
        Service gateway = rendered.typed(Service.class, "api-gateway");
        assertThat(backends).isNotEmpty().allSatisfy(backend -> {
            assertThat(backend.getService().getName()).isEqualTo("api-gateway");
            assertThat(gateway.getSpec().getPorts()).anySatisfy(port -> assertThat(
                    Objects.equals(port.getName(), backend.getService().getPort().getName())
                            || Objects.equals(port.getPort(), backend.getService().getPort().getNumber())).isTrue());
        });

        String galleryUrl = env(serviceContainer(rendered, "api-gateway"), "GALLERY_URL").orElseThrow();
        Service gallery = rendered.typed(Service.class, "gallery-service");
        assertThat(galleryUrl).isEqualTo("http://gallery-service:" + gallery.getSpec().getPorts().get(0).getPort());
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void everyVariableTheManifestsSetIsOneAServiceReads(String directory) {
        Rendered rendered = Rendered.of(directory);
        for (String name : ServiceCatalog.names()) {
            Container container = serviceContainer(rendered, name);
            for (EnvVar variable : container.getEnv()) {
                assertThat(ServiceCatalog.reads(name, variable.getName()))
                        .as("%s sets %s on %s, which %s does not read", directory, variable.getName(), name, name).isTrue();
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    ConfigMap configMap = rendered.typed(ConfigMap.class, source.getConfigMapRef().getName());
                    assertThat(configMap).as("ConfigMap of %s", name).isNotNull();
                }
                if (source.getSecretRef() != null) {
                    assertThat(rendered.find(Secret.class, source.getSecretRef().getName())).as("Secret of %s", name).isPresent();
                }
            }
        }
        for (ConfigMap configMap : rendered.typed(ConfigMap.class)) {
            configMap.getData().keySet().forEach(key -> assertThat(ServiceCatalog.readsAnyOf(key))
                    .as("ConfigMap %s sets %s, which no service reads", configMap.getMetadata().getName(), key).isTrue());
        }
        for (Secret secret : rendered.typed(Secret.class)) {
            secretKeys(secret).forEach(key -> assertThat(ServiceCatalog.readsAnyOf(key))
                    .as("Secret %s sets %s, which no service reads", secret.getMetadata().getName(), key).isTrue());
        }
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void workersShareTheWorkDirClaimMountedAtWorkDir(String directory) {
        Rendered rendered = Rendered.of(directory);
        PersistentVolumeClaim claim = rendered.typed(PersistentVolumeClaim.class, "clipflow-work");

        for (ServiceCatalog.Service service : ServiceCatalog.SERVICES) {
            PodSpec pod = rendered.typed(Deployment.class, service.name()).getSpec().getTemplate().getSpec();
            Optional<Volume> work = pod.getVolumes().stream()
                    .filter(volume -> volume.getPersistentVolumeClaim() != null
                            && "clipflow-work".equals(volume.getPersistentVolumeClaim().getClaimName()))
                    .findFirst();
            assertThat(work.isPresent()).as("%s mounts the work dir", service.name()).isEqualTo(service.usesWorkDir());
            Optional<String> workDir = env(serviceContainer(rendered, service.name()), "WORK_DIR");
            assertThat(workDir.isPresent()).as("%s is told WORK_DIR", service.name()).isEqualTo(service.usesWorkDir());
            work.ifPresent(volume -> assertThat(serviceContainer(rendered, service.name()).getVolumeMounts())
                    .filteredOn(mount -> mount.getName().equals(volume.getName()))
                    .extracting(VolumeMount::getMountPath).containsExactly(workDir.orElseThrow()));
        }
        if (!directory.endsWith("dev")) {
            assertThat(claim.getSpec().getAccessModes()).as("several worker pods on several nodes").containsExactly("ReadWriteMany");
        }
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void everyPodRunsAsNonRootWithAReadOnlyRootFileSystemAndNoCapabilities(String directory) {
        Rendered rendered = Rendered.of(directory);
        for (Deployment deployment : rendered.typed(Deployment.class)) {
            assertHardened(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
        }
        for (Job job : rendered.typed(Job.class)) {
            assertHardened(job.getMetadata().getName(), job.getSpec().getTemplate().getSpec());
        }
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void everyServiceHasResourcesADisruptionBudgetAndAnAutoscaler(String directory) {
        Rendered rendered = Rendered.of(directory);
        for (String name : ServiceCatalog.names()) {
            Deployment deployment = rendered.typed(Deployment.class, name);
            Container container = serviceContainer(rendered, name);
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits().get("memory").getNumericalAmount())
                    .as(name).isGreaterThanOrEqualTo(container.getResources().getRequests().get("memory").getNumericalAmount());
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("clipflow");

            PodDisruptionBudget budget = rendered.typed(PodDisruptionBudget.class, name);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMinAvailable() == null || budget.getSpec().getMinAvailable().getIntVal() < deployment.getSpec().getReplicas())
                    .as("the budget of %s lets a node drain", name).isTrue();

            boolean scaledByKeda = rendered.custom("keda.sh", "ScaledObject").stream()
                    .anyMatch(scaled -> name.equals(Maps.at(scaled, "spec.scaleTargetRef.name")));
            Optional<HorizontalPodAutoscaler> hpa = rendered.find(HorizontalPodAutoscaler.class, name);
            assertThat(scaledByKeda ^ hpa.isPresent()).as("%s has exactly one autoscaler", name).isTrue();
            hpa.ifPresent(autoscaler -> {
                assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
                assertThat(autoscaler.getSpec().getMinReplicas()).isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
                assertThat(autoscaler.getSpec().getMetrics()).anySatisfy(metric ->
                        assertThat(metric.getResource().getName()).isEqualTo("cpu"));
            });
        }
        assertThat(ServiceCatalog.SERVICES).filteredOn(service -> service.scaledConsumer().isPresent())
                .allSatisfy(worker -> assertThat(rendered.find(HorizontalPodAutoscaler.class, worker.name())).isEmpty());
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void podsUseTheServiceAccountAnnotatedForIrsa(String directory) {
        ServiceAccount account = Rendered.of(directory).typed(ServiceAccount.class, "clipflow");

        assertThat(account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn")).matches("arn:aws:iam::\\d{12}:role/.+");
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void ingressAcceptsUploadsUpToTheConfiguredMaximum(String directory) {
        Rendered rendered = Rendered.of(directory);
        int maxFileSizeMb = Integer.parseInt(rendered.typed(ConfigMap.class, "clipflow-config").getData().get("MAX_FILE_SIZE_MB"));
        String bodySize = rendered.typed(Ingress.class, "api-gateway").getMetadata().getAnnotations()
                .get("nginx.ingress.kubernetes.io/proxy-body-size");

        assertThat(bodySize).endsWith("m");
        assertThat(Integer.parseInt(bodySize.substring(0, bodySize.length() - 1))).isGreaterThanOrEqualTo(maxFileSizeMb);
    }

    @ParameterizedTest
    @FieldSource("WITH_SERVICES")
    void gatewayTmpHoldsTheLargestAcceptedUpload(String directory) {
        Rendered rendered = Rendered.of(directory);
        long maxFileBytes = Long.parseLong(rendered.typed(ConfigMap.class, "clipflow-config").getData().get("MAX_FILE_SIZE_MB")) << 20;
        PodSpec pod = rendered.typed(Deployment.class, "api-gateway").getSpec().getTemplate().getSpec();
        String tmpVolume = serviceContainer(rendered, "api-gateway").getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals("/tmp")).map(VolumeMount::getName).findFirst().orElseThrow();
        Volume tmp = pod.getVolumes().stream().filter(volume -> volume.getName().equals(tmpVolume)).findFirst().orElseThrow();

        // The S3 store spools an upload that goes multipart to java.io.tmpdir before sending it.
        assertThat(tmp.getEmptyDir().getSizeLimit().getNumericalAmount().longValue()).isGreaterThanOrEqualTo(maxFileBytes);
    }

    static Container serviceContainer(Rendered rendered, String name) {
        return rendered.typed(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(rendered + ": Deployment " + name + " has no container " + name));
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as("%s probe for %s", container.getName(), path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(container.getName()).isEqualTo(path);
        assertThat(resolvePort(container, probe.getHttpGet().getPort())).as(container.getName() + " " + path).isEqualTo(port);
    }

    private static int resolvePort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }

    private static void assertHardened(String workload, PodSpec pod) {
        PodSecurityContext podSecurity = pod.getSecurityContext();
        for (Container container : pod.getContainers()) {
            SecurityContext security = container.getSecurityContext();
            String what = workload + "/" + container.getName();
            Boolean nonRoot = security != null && security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
                    : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
            Long user = security != null && security.getRunAsUser() != null ? security.getRunAsUser()
                    : podSecurity == null ? null : podSecurity.getRunAsUser();
            assertThat(nonRoot).as("%s runAsNonRoot", what).isTrue();
            assertThat(user).as("%s runAsUser", what).isNotNull().isNotZero();
            assertThat(security).as(what).isNotNull();
            assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", what).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", what).isTrue();
            assertThat(security.getCapabilities().getDrop()).as("%s drops capabilities", what).containsExactly("ALL");
            List<String> emptyDirs = pod.getVolumes().stream().filter(volume -> volume.getEmptyDir() != null).map(Volume::getName).toList();
            assertThat(container.getVolumeMounts()).as("%s has a writable /tmp", what)
                    .anySatisfy(mount -> {
                        assertThat(mount.getMountPath()).isEqualTo("/tmp");
                        assertThat(emptyDirs).contains(mount.getName());
                    });
        }
    }

    private static List<String> secretKeys(Secret secret) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }
}

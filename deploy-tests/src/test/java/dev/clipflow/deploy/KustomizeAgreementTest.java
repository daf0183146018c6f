package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Where kubectl is installed, the hand-written loader must render exactly what the real kustomize renders. */
class KustomizeAgreementTest {

    static final List<String> DIRECTORIES = Rendered.DIRECTORIES;

    @ParameterizedTest
    @FieldSource("DIRECTORIES")
    void handWrittenLoaderAgreesWithKubectlKustomize(String directory) throws Exception {
        String kubectlOutput = kubectlKustomize(directory);
        assumeTrue(kubectlOutput != null, "kubectl is not installed: the loader's own tests stand alone");

        Map<String, Object> expected = new TreeMap<>();
        for (Object document : Repo.yaml().loadAll(kubectlOutput)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) document;
            expected.put(Kustomize.idOf(resource), resource);
        }
        Map<String, Object> actual = new TreeMap<>();
        Rendered.of(directory).resources().forEach(resource -> actual.put(Kustomize.idOf(resource), resource));

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, resource) -> assertThat(actual.get(id)).as(id).isEqualTo(resource));
    }

    private static String kubectlKustomize(String directory) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", Repo.path(directory).toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException notInstalled) {
            return null;
        }
    }
}

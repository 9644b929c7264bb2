package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.engine.config.Shard;
import dev.infrajunit.monitor.InfraMonitor.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment examples, parsed (none of docker, kubectl or a CI runner exists here): each starts
 * the monitor, or mvn test, with options and keys that exist, one shard per pod or job.
 */
class DeploymentExamplesTest {

    private static final Path DEPLOY = Path.of("deploy");

    @TempDir
    Path specs;

    @Test
    void theDockerfileRunsTheStandaloneJarWithOptionsTheMonitorAccepts() throws IOException {
        Map<String, List<String>> instructions = dockerfile(DEPLOY.resolve("Dockerfile"));
        assertThat(instructions.keySet()).containsExactly("FROM", "WORKDIR", "COPY", "VOLUME", "EXPOSE", "USER", "ENTRYPOINT", "CMD");
        assertThat(instructions.get("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(instructions.get("EXPOSE")).containsExactly("9464");
        List<String> entrypoint = jsonArray(instructions.get("ENTRYPOINT").get(0));
        List<String> cmd = jsonArray(instructions.get("CMD").get(0));
        assertThat(entrypoint.subList(0, 3)).containsExactly("java", "-jar", "/opt/infra-junit-monitor/infra-junit-monitor.jar");
        List<String> arguments = new ArrayList<>(entrypoint.subList(3, entrypoint.size()));
        arguments.addAll(cmd);
        assertThat(instructions.get("VOLUME")).containsExactly(Path.of(value(arguments, "--state-file")).getParent().toString());
        // the class path exists only inside the image
        arguments.set(arguments.indexOf("--class-path") + 1, specs.toString());
        Settings settings = InfraMonitor.parse(arguments.toArray(String[]::new));
        assertThat(settings.listen().getPort()).isEqualTo(9464);
        assertThat(settings.listen().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(settings.selection().packages()).containsExactly("com.acme.specs");
        assertThat(settings.selection().configuration()).containsEntry("infra.environment", "production");
    }

    @Test
    void theStatefulSetsPodOrdinalIsItsShard() throws IOException {
        List<Object> documents = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(DEPLOY.resolve("kubernetes.yaml"))).forEach(documents::add);
        assertThat(documents).extracting(document -> (Object) ((Map<?, ?>) document).get("kind")).containsExactly("Service", "StatefulSet");
        Map<?, ?> statefulSet = (Map<?, ?>) documents.get(1);
        Map<String, Object> spec = map(statefulSet, "spec");
        int replicas = (Integer) spec.get("replicas");
        assertThat(replicas).isEqualTo(4);
        Map<String, Object> template = map(spec, "template");
        assertThat(map(map(template, "metadata"), "annotations")).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9464");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) map(template, "spec").get("containers")).get(0);
        Map<?, ?> podIndex = (Map<?, ?>) ((List<?>) container.get("env")).get(0);
        assertThat(podIndex.get("name")).isEqualTo("POD_INDEX");
        assertThat(map(map(podIndex, "valueFrom"), "fieldRef").get("fieldPath")).isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).isEqualTo("/healthz");
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) container.get("args");
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String index = String.valueOf(ordinal);
            // Kubernetes expands $(POD_INDEX) in args from the container's environment
            Settings settings = InfraMonitor.parse(args.stream().map(arg -> arg.replace("$(POD_INDEX)", index)).toArray(String[]::new));
            assertThat(settings.selection().configuration()).containsEntry("infra.shard", ordinal + "/4");
        }
    }

    @Test
    void theCiMatrixRunsMvnTestOncePerShard() throws IOException {
        Map<?, ?> workflow = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DEPLOY.resolve("github-actions.yml"))) instanceof Map<?, ?> map ? map : Map.of();
        Map<?, ?> job = map(map(workflow, "jobs"), "specs");
        assertThat(map(map(job, "strategy"), "matrix").get("shard")).isEqualTo(List.of(0, 1, 2, 3));
        List<?> steps = (List<?>) job.get("steps");
        String run = steps.stream().map(step -> ((Map<?, ?>) step).get("run")).filter(java.util.Objects::nonNull).map(String::valueOf)
                .findFirst().orElseThrow();
        assertThat(run).isEqualTo("mvn -B test -Dinfra.environment=production -Dinfra.shard=${{ matrix.shard }}/4");
        for (int shard = 0; shard < 4; shard++) {
            String key = run.replace("${{ matrix.shard }}", String.valueOf(shard)).replaceAll(".*-Dinfra\\.shard=(\\S+).*", "$1");
            assertThat(Shard.parse(key)).isEqualTo(new Shard(shard, 4));
        }
    }

    /** Instructions in order, continuation lines joined, comments dropped. */
    private static Map<String, List<String>> dockerfile(Path file) throws IOException {
        Map<String, List<String>> instructions = new LinkedHashMap<>();
        String joined = Files.readString(file).replace("\\\n", " ");
        for (String line : joined.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            String[] instruction = line.split("\\s+", 2);
            assertThat(instruction[0]).as(line).matches("[A-Z]+");
            instructions.computeIfAbsent(instruction[0], name -> new ArrayList<>()).add(instruction.length > 1 ? instruction[1] : "");
        }
        return instructions;
    }

    private static List<String> jsonArray(String text) throws IOException {
        return List.of(new ObjectMapper().readValue(text, String[].class));
    }

    private static String value(List<String> arguments, String option) {
        return arguments.get(arguments.indexOf(option) + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<?, ?> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}

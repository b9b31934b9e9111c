package io.corral.apicheck.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alerting rules in {@code deploy/monitoring/prometheus}: each says how severe it is
 * and what to do, Prometheus' own {@code promtool} accepts every rule file and the
 * example configuration, and the rules' unit tests pass. The promtool checks run where
 * promtool is on the {@code PATH} (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs) and are skipped, saying so, elsewhere.
 */
class AlertRulesTest {

    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    static List<Path> ruleFiles() {
        return MonitoringFiles.ruleFiles();
    }

    @Test
    void thereAreRulesAndUnitTestsOfThem() {
        assertThat(ruleFiles()).isNotEmpty();
        assertThat(MonitoringFiles.ruleTests()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    @SuppressWarnings("unchecked")
    void everyAlertHasASeverityADelayAndSaysWhatToDo(Path file) {
        assertThat(MonitoringFiles.rules(file)).isNotEmpty().allSatisfy(rule -> {
            String name = String.valueOf(rule.get("alert"));
            assertThat(name).as("alert name").matches("Corral[A-Za-z]+");
            assertThat(rule).as(name).containsKeys("expr", "for");
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertThat(labels).as(name + " labels").isNotNull();
            assertThat(SEVERITIES).as(name + " severity").contains(String.valueOf(labels.get("severity")));
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as(name + " annotations").isNotNull();
            assertThat(String.valueOf(annotations.get("summary"))).as(name + " summary")
                .isNotBlank()
                .isNotEqualTo("null");
            assertThat(String.valueOf(annotations.get("description"))).as(name + " description").hasSizeGreaterThan(40);
        });
    }

    @Test
    void alertNamesAreUniqueAndEachIsDocumented() throws IOException {
        List<String> names = ruleFiles().stream()
            .flatMap(file -> MonitoringFiles.rules(file).stream())
            .map(rule -> String.valueOf(rule.get("alert")))
            .toList();
        assertThat(names).doesNotHaveDuplicates();
        String docs = Files.readString(Path.of("..", "docs", "monitoring.md"));
        assertThat(names).allSatisfy(name -> assertThat(docs).as("docs/monitoring.md").contains("`" + name + "`"));
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void promtoolAcceptsTheRuleFile(Path file) {
        promtool("check", "rules", file.toString());
    }

    @Test
    void theRulesUnitTestsPass() {
        List<String> command = new ArrayList<>(List.of("test", "rules"));
        MonitoringFiles.ruleTests().forEach(test -> command.add(test.toString()));
        promtool(command.toArray(String[]::new));
    }

    @Test
    void promtoolAcceptsTheExampleConfiguration() {
        // The syntax alone: the token file it names exists only where Prometheus runs.
        promtool("check", "config", "--syntax-only", MonitoringFiles.PROMETHEUS.resolve("prometheus.yml").toString());
    }

    private static void promtool(String... arguments) {
        Optional<Path> promtool = onPath("promtool");
        assumeTrue(promtool.isPresent(),
                "promtool is not on the PATH: install Debian's prometheus package (apt-get install prometheus) to check the rules");
        List<String> command = new ArrayList<>(List.of(promtool.get().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + " said:\n" + output).isZero();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
            .filter(directory -> !directory.isEmpty())
            .map(directory -> Path.of(directory, program))
            .filter(Files::isExecutable)
            .findFirst();
    }

}

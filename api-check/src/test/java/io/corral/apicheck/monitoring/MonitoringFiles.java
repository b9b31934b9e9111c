package io.corral.apicheck.monitoring;

import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards and alerting rules in {@code deploy/monitoring}, and the PromQL each
 * holds.
 */
final class MonitoringFiles {

    static final Path DIRECTORY = Path.of("..", "deploy", "monitoring");

    static final Path PROMETHEUS = DIRECTORY.resolve("prometheus");

    /** A PromQL expression and where it is: file, and panel title or alert name. */
    record Query(String where, String expr) {
    }

    private MonitoringFiles() {
    }

    static List<Path> dashboards() {
        return list(DIRECTORY.resolve("grafana").resolve("dashboards"), ".json");
    }

    static List<Path> ruleFiles() {
        return list(PROMETHEUS.resolve("rules"), ".yml");
    }

    static List<Path> ruleTests() {
        return list(PROMETHEUS.resolve("tests"), ".yml");
    }

    static JsonNode dashboard(Path file) {
        return ReceptorJson.mapper().readTree(file.toFile());
    }

    /** Every panel of a dashboard, those inside rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The rules of a rule file, each a map as the YAML has it. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(Path file) {
        Map<String, Object> document = new Yaml().load(read(file));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Every query of every dashboard panel and every rule. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : panels(dashboard(file))) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(file.getFileName() + " / " + panel.path("title").asString(),
                            target.path("expr").asString()));
                }
            }
        }
        for (Path file : ruleFiles()) {
            for (Map<String, Object> rule : rules(file)) {
                queries.add(new Query(file.getFileName() + " / " + rule.getOrDefault("alert", rule.get("record")),
                        rule.get("expr").toString()));
            }
        }
        return queries;
    }

    private static List<Path> list(Path directory, String extension) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

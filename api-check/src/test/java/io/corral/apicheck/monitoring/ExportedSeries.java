package io.corral.apicheck.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of Prometheus text exposition ({@code /actuator/prometheus}): each sample's
 * name (with its {@code _total}, {@code _count}, {@code _sum}, {@code _max} or
 * {@code _bucket} suffix, as queries name it) and labels.
 */
final class ExportedSeries {

    private final Map<String, List<Map<String, String>>> byName = new HashMap<>();

    void add(String exposition) {
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(this::addSample);
    }

    boolean has(String metric) {
        return byName.containsKey(metric);
    }

    /** The label sets of {@code metric}'s series. */
    List<Map<String, String>> labels(String metric) {
        return byName.getOrDefault(metric, List.of());
    }

    private void addSample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            byName.computeIfAbsent(line.substring(0, space), name -> new ArrayList<>()).add(Map.of());
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = brace + 1;
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals);
            StringBuilder value = new StringBuilder();
            at = equals + 2;
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                }
                else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at++;
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        byName.computeIfAbsent(line.substring(0, brace), name -> new ArrayList<>()).add(labels);
    }

}

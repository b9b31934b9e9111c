package io.corral.benchmarks;

import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's results as pretty-printed snake_case JSON, creating the directory.
 */
final class JsonFiles {

    private JsonFiles() {
    }

    static void write(Path file, Object results) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                ReceptorJson.mapper().writerWithDefaultPrettyPrinter().writeValue(out, results);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}

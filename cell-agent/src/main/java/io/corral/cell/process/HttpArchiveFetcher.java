package io.corral.cell.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads an archive and unpacks it: a gzip'ed tar with the host's {@code tar}, a zip
 * here (no entry may leave the target directory in either).
 */
public final class HttpArchiveFetcher implements ArchiveFetcher {

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();

    @Override
    public void fetch(URI from, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Path archive = Files.createTempFile(into.getParent(), "download", ".archive");
        try {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(from).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(archive));
            if (response.statusCode() != 200) {
                throw new IOException(from.getHost() + " answered " + response.statusCode());
            }
            if (isZip(archive)) {
                unzip(archive, into);
            }
            else {
                untar(archive, into);
            }
        }
        finally {
            Files.deleteIfExists(archive);
        }
    }

    private static boolean isZip(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return in.read() == 'P' && in.read() == 'K';
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry leaves the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                }
                else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void untar(Path archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString(), "--no-same-owner")
            .redirectErrorStream(true)
            .start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IOException("not a tar.gz or zip archive: " + output.strip());
        }
    }

}

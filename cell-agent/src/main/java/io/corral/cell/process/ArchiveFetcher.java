package io.corral.cell.process;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches an archive (tar.gz or zip) over http(s) and unpacks it into a directory. */
public interface ArchiveFetcher {

    void fetch(URI from, Path into) throws IOException, InterruptedException;

}

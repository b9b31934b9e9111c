package io.corral.sshproxy.files;

import java.util.List;

/**
 * A directory of an instance: its path below the instance's root and its entries
 * ({@code truncated} when there were more than the proxy lists).
 */
record FileListing(String path, List<Entry> entries, boolean truncated) {

    /**
     * One entry: its name, type ({@code file}, {@code directory}, {@code symlink},
     * {@code other}), size and mtime.
     */
    record Entry(String name, String type, long size, String modified) {
    }

}

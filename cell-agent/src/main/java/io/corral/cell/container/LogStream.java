package io.corral.cell.container;

public enum LogStream {

    STDOUT, STDERR;

    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}

package io.corral.sshauth.instance;

/** Receptor events may have been missed: whoever follows instances reads them again. */
public record ReceptorResynced() {
}

package io.corral.benchmarks;

import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code receptor} (the default), {@code placement},
 * {@code routes}, {@code ssh-authorize}, {@code ssh-proxy}, {@code cells} or
 * {@code receptor-scale}, then that benchmark's options.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        String benchmark = args.length > 0 && !args[0].startsWith("--") ? args[0] : "receptor";
        switch (benchmark) {
            case "receptor" -> ReceptorBenchmark.main(args);
            case "placement" -> PlacementBenchmark.main(args);
            case "routes" -> RoutesBenchmark.main(args);
            case "ssh-authorize" -> SshAuthorizeBenchmark.main(args);
            case "ssh-proxy" -> SshProxyBenchmark.main(args);
            case "cells" -> CellsBenchmark.main(args);
            case "receptor-scale" -> ReceptorScaleBenchmark.main(args);
            default -> {
                System.err.println("unknown benchmark '" + benchmark + "' in " + Arrays.toString(args)
                        + "; choose receptor, placement, routes, ssh-authorize, ssh-proxy, cells or receptor-scale");
                System.exit(2);
            }
        }
    }

}

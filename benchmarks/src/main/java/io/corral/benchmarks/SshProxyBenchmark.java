package io.corral.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.server.ProxyServer;
import io.corral.support.FreePorts;
import io.corral.support.service.InProcessService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;
import org.springframework.util.FileSystemUtils;

/**
 * {@code ssh-proxy}: the OpenSSH client against a real OpenSSH daemon
 * ({@code /usr/sbin/sshd} on a loopback port), directly and through the proxy, in the
 * same run: the time from starting {@code ssh} to a command's first output (a login), and
 * {@code scp} of a 100 MB file out of the "instance" (after an unmeasured copy direct and
 * {@code --warmup-copies} through the proxy, printed, so that the proxy's code is
 * compiled as in a proxy that has been running: the JIT compilers work through the first
 * copies). Prints the medians and the ratios (goals: login through the proxy at most 1.5x
 * direct; scp through the proxy at least 70% of direct throughput). ssh-auth-service's
 * decision is played by a local HTTP server that grants every login, so the figures are
 * the proxy's own cost; the authorize benchmark measures that service. Also prints this
 * JVM's CPU time per 100 MB copied through the proxy, a figure that does not depend on
 * the machine's load, and on both paths that of the client (scp and its ssh) and of sshd:
 * the three share the machine's cores, so a path that costs the client more runs slower
 * whatever the proxy spends. Options: {@code --logins N} (default 20), {@code --copies N}
 * (3), {@code --warmup-copies N} (5), {@code --megabytes N} (100).
 */
public final class SshProxyBenchmark {

    private static final String SSHD = "/usr/sbin/sshd";

    private SshProxyBenchmark() {
    }

    public static void main(String[] args) {
        int logins = option(args, "--logins", 20);
        int copies = option(args, "--copies", 3);
        int warmupCopies = option(args, "--warmup-copies", 5);
        int megabytes = option(args, "--megabytes", 100);
        if (!Files.isExecutable(Path.of(SSHD))) {
            System.err.println("the ssh-proxy benchmark runs OpenSSH's sshd (" + SSHD
                    + ") as the instance's daemon, and this machine has none: install it (Debian and Ubuntu:"
                    + " apt-get install openssh-server)");
            System.exit(2);
        }
        try {
            run(logins, copies, warmupCopies, megabytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.exit(0);
    }

    private static void run(int logins, int copies, int warmupCopies, int megabytes) throws IOException {
        String load = uptime();
        Path dir = Files.createTempDirectory("corral-ssh-bench");
        Target target = Target.start(dir);
        Path file = target.home.resolve("big.bin");
        writeRandom(file, megabytes * 1024L * 1024L);
        HttpServer sshAuth = grantingSshAuth(target);
        Path askpass = askpass(dir);
        try (InProcessService proxy = InProcessService.start(SshProxyApplication.SERVICE,
                Map.of("server.port", "0", "corral.ssh-proxy.port", "0", "corral.ssh-proxy.address", "127.0.0.1",
                        "corral.ssh-proxy.host-key-file", dir.resolve("proxy.key").toString(),
                        "corral.ssh-proxy.generate-host-key", "true", "corral.ssh-auth.url",
                        "http://127.0.0.1:" + sshAuth.getAddress().getPort(), "corral.security.dev-issuer.enabled",
                        "true", "corral.security.dev-issuer.key-file", dir.resolve("issuer.key").toString(),
                        "corral.security.dev-issuer.token-file", dir.resolve("token").toString(),
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused"))) {
            int proxyPort = proxy.bean(ProxyServer.class).port();
            Client direct = new Client(List.of("ssh", "-p", String.valueOf(target.port), "-i",
                    dir.resolve("route_key").toString(), "-o", "IdentitiesOnly=yes"), target.user + "@127.0.0.1",
                    askpass);
            Client proxied = new Client(List.of("ssh", "-p", String.valueOf(proxyPort)), "cf:app/0@127.0.0.1", askpass);
            direct.firstOutput();
            proxied.firstOutput();
            List<Long> directLogins = new ArrayList<>();
            List<Long> proxiedLogins = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                directLogins.add(direct.firstOutput());
                proxiedLogins.add(proxied.firstOutput());
            }
            List<String> directScp = List.of("-P", String.valueOf(target.port), "-i",
                    dir.resolve("route_key").toString(), "-o", "IdentitiesOnly=yes", "-o", "User=" + target.user);
            List<String> proxiedScp = List.of("-P", String.valueOf(proxyPort), "-o", "User=cf:app/0");
            Copier copier = new Copier(file, askpass, target);
            copier.copy(directScp, dir.resolve("direct.bin"));
            StringBuilder warmup = new StringBuilder();
            for (int i = 0; i < warmupCopies; i++) {
                Copy copy = copier.copy(proxiedScp, dir.resolve("proxied.bin"));
                warmup.append(String.format(" %.1f MB/s (%.2f s CPU)", megabytes / (copy.elapsedNanos() / 1e9),
                        copy.proxyCpuNanos() / 1e9));
            }
            System.out.printf("unmeasured warm-up copies through the proxy:%s%n", warmup);
            List<Copy> directCopies = new ArrayList<>();
            List<Copy> proxiedCopies = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                directCopies.add(copier.copy(directScp, dir.resolve("direct.bin")));
                proxiedCopies.add(copier.copy(proxiedScp, dir.resolve("proxied.bin")));
            }
            report(load, logins, megabytes, directLogins, proxiedLogins, directCopies, proxiedCopies);
        }
        finally {
            sshAuth.stop(0);
            target.process.destroy();
            // sshd removes its pid file as it exits: the directory is walked after that
            waitFor(target.process);
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static void report(String load, int logins, int megabytes, List<Long> directLogins,
            List<Long> proxiedLogins, List<Copy> directCopies, List<Copy> proxiedCopies) {
        double directLogin = median(directLogins) / 1e6;
        double proxiedLogin = median(proxiedLogins) / 1e6;
        double directRate = megabytes / (median(directCopies, Copy::elapsedNanos) / 1e9);
        double proxiedRate = megabytes / (median(proxiedCopies, Copy::elapsedNanos) / 1e9);
        System.out.printf(
                "ssh-proxy benchmark: OpenSSH client to OpenSSH sshd on loopback, direct and through the" + " proxy%n");
        System.out.printf("load before the run (uptime): %s%n", load);
        System.out.printf("login to first command output, median of %d: direct %.1f ms, proxy %.1f ms, ratio %.2fx"
                + " (goal <= 1.5x)%n", logins, directLogin, proxiedLogin, proxiedLogin / directLogin);
        System.out.printf(
                "scp of %d MB out of the instance, median of %d: direct %.1f MB/s, proxy %.1f MB/s, proxy"
                        + " throughput %.0f%% of direct (goal >= 70%%)%n",
                megabytes, directCopies.size(), directRate, proxiedRate, 100 * proxiedRate / directRate);
        System.out.printf("load after the run (uptime): %s%n", uptime());
        double per100 = 100.0 / megabytes / 1e9;
        System.out.printf("proxy CPU time (this JVM, all threads) per 100 MB copied through it, median of %d: %.2f s%n",
                proxiedCopies.size(), median(proxiedCopies, Copy::proxyCpuNanos) * per100);
        System.out.printf(
                "CPU per 100 MB copied, medians: direct: client (scp and its ssh) %.2f s, sshd %.2f s; through the"
                        + " proxy: client %.2f s, sshd %.2f s%n",
                median(directCopies, Copy::clientCpuNanos) * per100,
                median(directCopies, Copy::daemonCpuNanos) * per100,
                median(proxiedCopies, Copy::clientCpuNanos) * per100,
                median(proxiedCopies, Copy::daemonCpuNanos) * per100);
    }

    /**
     * An ssh command line whose runs are timed to the first byte of a command's output.
     */
    private record Client(List<String> base, String destination, Path askpass) {

        long firstOutput() throws IOException {
            List<String> command = new ArrayList<>(base);
            command.addAll(commonOptions());
            command.add(destination);
            command.add("echo ready");
            long start = System.nanoTime();
            Process process = start(command, askpass);
            try (InputStream out = process.getInputStream()) {
                if (out.read() < 0) {
                    throw new IllegalStateException("no output from " + command + ": "
                            + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                }
                long elapsed = System.nanoTime() - start;
                out.readAllBytes();
                waitFor(process);
                return elapsed;
            }
        }

    }

    /**
     * One copy's time, and the CPU it cost the client (scp and the ssh it runs, as reaped
     * by this JVM), the daemon (sshd and the session processes it has reaped) and this
     * JVM (the proxy, when it goes through the proxy).
     */
    private record Copy(long elapsedNanos, long clientCpuNanos, long daemonCpuNanos, long proxyCpuNanos) {
    }

    /** Copies the instance's {@code remote} file with scp and measures it. */
    private record Copier(Path remote, Path askpass, Target target) {

        Copy copy(List<String> options, Path local) throws IOException {
            ProcessTimes client = ProcessTimes.ofWaitedChildren(Path.of("/proc/self"));
            ProcessTimes daemon = target.cpu();
            long proxy = processCpuNanos();
            long elapsed = scp(options, remote, local, askpass);
            long proxyCpu = processCpuNanos() - proxy;
            target.awaitSessionsReaped();
            return new Copy(elapsed, ProcessTimes.ofWaitedChildren(Path.of("/proc/self")).minus(client).cpuNanos(),
                    target.cpu().minus(daemon).cpuNanos(), proxyCpu);
        }

    }

    private static long scp(List<String> options, Path remote, Path local, Path askpass) throws IOException {
        List<String> command = new ArrayList<>(List.of("scp"));
        command.addAll(options);
        command.addAll(commonOptions());
        command.add("127.0.0.1:" + remote);
        command.add(local.toString());
        long start = System.nanoTime();
        Process process = start(command, askpass);
        process.getInputStream().readAllBytes();
        if (waitFor(process) != 0) {
            throw new IllegalStateException(command + " failed: "
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        long elapsed = System.nanoTime() - start;
        if (Files.size(local) != Files.size(remote)) {
            throw new IllegalStateException("scp copied " + Files.size(local) + " bytes");
        }
        Files.delete(local);
        return elapsed;
    }

    private static List<String> commonOptions() {
        return List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "NumberOfPasswordPrompts=1", "-o", "BatchMode=no");
    }

    private static Process start(List<String> command, Path askpass) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SSH_ASKPASS", askpass.toString());
        builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
        builder.environment().remove("SSH_AUTH_SOCK");
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The instance's SSH daemon: OpenSSH's sshd on a free loopback port, the route's key
     * authorised.
     */
    private record Target(Process process, int port, Path home, String user) {

        static Target start(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("home"));
            run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f",
                    dir.resolve("host_key").toString()));
            run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f",
                    dir.resolve("route_key").toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                Files.createDirectories(Path.of("/run/sshd"));
            }
            int port = FreePorts.pick();
            Files.writeString(dir.resolve("sshd_config"),
                    String.join("\n", "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                            "PidFile " + dir.resolve("pid"), "AuthorizedKeysFile " + dir.resolve("route_key.pub"),
                            "StrictModes no", "UsePAM no", "PasswordAuthentication no",
                            "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
                            "Subsystem sftp internal-sftp", "LogLevel ERROR", ""));
            Process process = new ProcessBuilder(SSHD, "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
            awaitPort(port);
            return new Target(process, port, dir.resolve("home"), System.getProperty("user.name"));
        }

        /** The CPU time of sshd and of the session processes it has reaped. */
        ProcessTimes cpu() {
            Path proc = Path.of("/proc", String.valueOf(process.pid()));
            return ProcessTimes.of(proc).plus(ProcessTimes.ofWaitedChildren(proc));
        }

        /**
         * Waits (at most 2 s) until sshd has reaped the processes of the sessions that
         * ended.
         */
        void awaitSessionsReaped() {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (process.children().findAny().isPresent() && System.nanoTime() < deadline) {
                sleep(10);
            }
        }

    }

    private static HttpServer grantingSshAuth(Target target) throws IOException {
        Path dir = target.home.getParent();
        String privateKey = Files.readString(dir.resolve("route_key"));
        byte[] blob = Base64.getDecoder().decode(Files.readString(dir.resolve("host_key.pub")).split(" ")[1]);
        String fingerprint = HexFormat.ofDelimiter(":").formatHex(md5(blob));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> answer(exchange, target, privateKey, fingerprint));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, Target target, String privateKey, String fingerprint)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals("/v1/ssh/authorize")) {
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 404 : 204, -1);
            exchange.close();
            return;
        }
        String grant = io.corral.receptor.client.ReceptorJson.mapper()
            .writeValueAsString(Map.of("grant_id", java.util.UUID.randomUUID().toString(), "user_id", "bench",
                    "process_guid", "pg", "index", 0, "address", "127.0.0.1", "port", target.port, "user", target.user,
                    "private_key", privateKey, "host_fingerprint", fingerprint, "permissions",
                    Map.of("shell", true, "exec", true, "file_read", true, "file_write", true)));
        byte[] body = grant.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Path askpass(Path dir) throws IOException {
        Path script = dir.resolve("askpass.sh");
        Files.writeString(script, "#!/bin/sh\necho benchmark-password\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(7);
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this JVM (the proxy runs in it), all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Copy> copies, ToLongFunction<Copy> figure) {
        return median(copies.stream().map(figure::applyAsLong).toList());
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(process) != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }

    private static String uptime() {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            waitFor(process);
            return output;
        }
        catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    private static void awaitPort(int port) {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            }
            catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port);
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

}

package io.corral.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, one request at a time, as a
 * client with a connection of its own sends them: the request line, {@code Host}, the
 * caller's headers, {@code Content-Length} and the body (empty for a request without);
 * the answer read to its end ({@code Content-Length} or chunked). It costs the client far
 * less CPU than {@link java.net.http.HttpClient}, whose requests hop between threads,
 * while the server parses the same bytes. Reconnects when the server closed the
 * connection.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final URI base;

    private Socket socket;

    private InputStream in;

    private OutputStream out;

    private boolean answerBegan;

    KeepAliveConnection(URI base) {
        this.base = base;
    }

    /** Sends a POST of {@code body} and returns the answer's status and body. */
    Answer post(String path, String headers, byte[] body) throws IOException {
        return exchange("POST", path, headers, body);
    }

    /**
     * Sends {@code method} on {@code path} (query included) with {@code headers}, each
     * line ending in CRLF, and {@code body}, and reads the answer. A connection the
     * server had closed while it was idle fails before the server read anything: the
     * request goes again once on a new connection.
     */
    Answer exchange(String method, String path, String headers, byte[] body) throws IOException {
        byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + headers + "Content-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        boolean reused = socket != null;
        try {
            return send(head, body);
        }
        catch (IOException e) {
            close();
            if (!reused || answerBegan) {
                throw e;
            }
            return send(head, body);
        }
    }

    private Answer send(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        answerBegan = false;
        out.write(head);
        out.write(body);
        out.flush();
        return read();
    }

    private void connect() throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private Answer read() throws IOException {
        String status = line();
        answerBegan = true;
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon), name -> new ArrayList<>())
                .add(header.substring(colon + 1).strip());
        }
        boolean chunked = says(headers, "Transfer-Encoding", "chunked");
        int length = headers.containsKey("Content-Length") ? Integer.parseInt(headers.get("Content-Length").get(0))
                : -1;
        byte[] body = chunked ? chunks() : in.readNBytes(Math.max(length, 0));
        if (!chunked && body.length < length) {
            close();
            throw new IOException("the server closed the connection within an answer");
        }
        if (says(headers, "Connection", "close")) {
            close();
        }
        return new Answer(code, headers, body);
    }

    /** Whether header {@code name} holds {@code token}, in any case. */
    private static boolean says(Map<String, List<String>> headers, String name, String token) {
        return headers.getOrDefault(name, List.of())
            .stream()
            .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(token));
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // skips the trailers
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                close();
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** {@code headers} by name, in any case. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

    }

}

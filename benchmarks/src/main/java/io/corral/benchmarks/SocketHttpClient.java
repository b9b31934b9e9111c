package io.corral.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} that sends each request over a {@link KeepAliveConnection} of the
 * calling thread's own and waits for its answer on that thread. The JDK's client hands
 * every request between the caller, its selector thread and a worker: in the receptor
 * benchmark its threads took a fifth to a quarter of the JVM's CPU, on the two cores the
 * receptor and PostgreSQL share, where pgbench's own client is a small C program. The
 * server reads the same bytes either way. Only what {@code ReceptorClient} needs:
 * synchronous sends over plain HTTP/1.1, any method, a body given as bytes or none.
 */
final class SocketHttpClient extends HttpClient implements AutoCloseable {

    private final URI base;

    private final List<KeepAliveConnection> opened = new CopyOnWriteArrayList<>();

    private final ThreadLocal<KeepAliveConnection> connections;

    SocketHttpClient(URI base) {
        this.base = base;
        this.connections = ThreadLocal.withInitial(() -> {
            KeepAliveConnection connection = new KeepAliveConnection(base);
            opened.add(connection);
            return connection;
        });
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        if (!request.uri().getAuthority().equals(base.getAuthority())) {
            throw new IllegalArgumentException("this client sends only to " + base + ", not " + request.uri());
        }
        String path = request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        KeepAliveConnection.Answer answer = connections.get()
            .exchange(request.method(), path, headerLines(request.headers()), body(request));
        HttpHeaders headers = HttpHeaders.of(answer.headers(), (name, value) -> true);
        return new Response<>(request, answer.status(), headers,
                read(answer.status(), headers, answer.body(), handler));
    }

    private static String headerLines(HttpHeaders headers) {
        StringBuilder lines = new StringBuilder();
        headers.map()
            .forEach((name, values) -> values
                .forEach(value -> lines.append(name).append(": ").append(value).append("\r\n")));
        return lines.toString();
    }

    /**
     * The request's body: the publishers {@code ReceptorClient} uses hand it over at
     * once.
     */
    private static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                body.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(body.toByteArray());
            }

        });
        if (!done.isDone()) {
            throw new IllegalStateException("the request's body was not handed over at once");
        }
        return done.join();
    }

    /** The answer's body as {@code handler} makes it, handed over in one piece. */
    private static <T> T read(int status, HttpHeaders headers, byte[] body, HttpResponse.BodyHandler<T> handler) {
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {

            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public Version version() {
                return Version.HTTP_1_1;
            }

        });
        subscriber.onSubscribe(new Flow.Subscription() {

            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }

        });
        subscriber.onNext(List.of(ByteBuffer.wrap(body)));
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().join();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("this client only sends synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        throw new UnsupportedOperationException("this client only sends synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        throw new UnsupportedOperationException("this client speaks plain HTTP only");
    }

    @Override
    public SSLParameters sslParameters() {
        throw new UnsupportedOperationException("this client speaks plain HTTP only");
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public void close() {
        opened.forEach(KeepAliveConnection::close);
    }

    private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers,
            T body) implements HttpResponse<T> {

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

    }

}

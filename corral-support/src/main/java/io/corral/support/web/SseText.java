package io.corral.support.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * Server-Sent Events as the text of the stream, several to one write. Spring's
 * {@code SseEmitter.event()} is converted and flushed event by event, a system call each;
 * a stream handed a batch of events writes them together instead. The receptor's event
 * streams and the route emitter's write through it.
 */
public final class SseText {

    /**
     * When the text is written without waiting for the batch's end: few writes for a
     * batch, and no batch held whole in memory.
     */
    private static final int WRITE_AT_CHARS = 64 * 1024;

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final StringBuilder text = new StringBuilder();

    private int events;

    /** Appends an event; its data may span lines. */
    public void event(long id, String name, String data) {
        text.append("id:").append(id).append('\n');
        event(name, data);
    }

    /**
     * Appends an event with no id, which leaves the client's last event id as it was: one
     * of several that a single id covers, all but the last.
     */
    public void event(String name, String data) {
        text.append("event:").append(name).append('\n');
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            text.append("data:").append(data).append('\n');
        }
        else {
            data.lines().forEach(line -> text.append("data:").append(line).append('\n'));
        }
        text.append('\n');
        events++;
    }

    /** Appends a comment line, which keeps a quiet connection open. */
    public void comment(String comment) {
        text.append(':').append(comment).append("\n\n");
    }

    /** Whether the text should be written before more is appended. */
    public boolean full() {
        return text.length() >= WRITE_AT_CHARS;
    }

    /**
     * Writes and flushes what was appended, and starts again empty; answers its events.
     */
    public int writeTo(ResponseBodyEmitter emitter) throws IOException {
        int written = events;
        if (!text.isEmpty()) {
            emitter.send(Set.of(new DataWithMediaType(text.toString(), UTF8_TEXT)));
        }
        text.setLength(0);
        events = 0;
        return written;
    }

}

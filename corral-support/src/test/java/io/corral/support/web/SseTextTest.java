package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

class SseTextTest {

    private final Writes writes = new Writes();

    private final SseText text = new SseText();

    @Test
    void eventsAndCommentsGoOutInOneWrite() throws Exception {
        text.comment("heartbeat");
        text.event(7, "task_created", "{\"task\":{}}");
        text.event(8, "task_removed", "{\"task\":{}}");

        assertThat(text.writeTo(writes)).isEqualTo(2);

        assertThat(writes.texts).containsExactly(":heartbeat\n\n" + "id:7\nevent:task_created\ndata:{\"task\":{}}\n\n"
                + "id:8\nevent:task_removed\ndata:{\"task\":{}}\n\n");
    }

    @Test
    void anEventWithoutAnIdHasNoIdLine() throws Exception {
        text.event("unregister", "[]");
        text.event(9, "register", "[]");

        assertThat(text.writeTo(writes)).isEqualTo(2);

        assertThat(writes.texts).containsExactly("event:unregister\ndata:[]\n\n" + "id:9\nevent:register\ndata:[]\n\n");
    }

    @Test
    void dataSpanningLinesIsALineOfDataEach() throws Exception {
        text.event(1, "a", "{\n\"x\": 1\r\n}");

        text.writeTo(writes);

        assertThat(writes.texts).containsExactly("id:1\nevent:a\ndata:{\ndata:\"x\": 1\ndata:}\n\n");
    }

    @Test
    void aLargeBatchAsksToBeWrittenAndNothingIsWrittenTwice() throws Exception {
        String data = "{\"pad\":\"" + "x".repeat(1_000) + "\"}";
        int events = 0;
        while (!text.full()) {
            text.event(++events, "a", data);
        }

        assertThat(text.writeTo(writes)).isEqualTo(events);
        assertThat(text.writeTo(writes)).isZero();

        assertThat(writes.texts).hasSize(1);
        assertThat(events).isBetween(60, 70);
    }

    /** What a stream's response received, a write at a time. */
    private static final class Writes extends ResponseBodyEmitter {

        final List<String> texts = new ArrayList<>();

        @Override
        public void send(Set<DataWithMediaType> items) {
            items.forEach(item -> texts.add((String) item.getData()));
        }

    }

}

package io.corral.receptor.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.SseParser.SseEvent;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final SseParser parser = new SseParser();

    @Test
    void fieldsUpToABlankLineMakeOneEvent() {
        assertThat(parse("id: 7\nevent: task_created\ndata: {\"task\":{}}\n\n"))
            .containsExactly(new SseEvent("7", "task_created", "{\"task\":{}}"));
    }

    @Test
    void commentsAreSkipped() {
        assertThat(parse(":heartbeat\n\nid: 1\n: between fields\nevent: a\ndata: x\n\n:heartbeat\n\n"))
            .containsExactly(new SseEvent("1", "a", "x"));
    }

    @Test
    void dataLinesJoinWithNewlines() {
        assertThat(parse("data: {\ndata:   \"a\": 1\ndata\ndata: }\n\n"))
            .containsExactly(new SseEvent("", "message", "{\n  \"a\": 1\n\n}"));
    }

    @Test
    void anIdStaysUntilTheNextAndCountsWithoutData() {
        assertThat(parse("id: 3\nevent: a\ndata: x\n\nevent: b\ndata: y\n\nid: 9\n\n"))
            .containsExactly(new SseEvent("3", "a", "x"), new SseEvent("3", "b", "y"));
        assertThat(parser.lastEventId()).isEqualTo("9");
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndItsNameDoesNotCarryOver() {
        assertThat(parse("event: orphan\n\ndata: x\n\n")).containsExactly(new SseEvent("", "message", "x"));
    }

    @Test
    void retryTakesOnlyDigits() {
        parse("retry: 2500\n\n");
        assertThat(parser.retry()).contains(Duration.ofMillis(2500));
        parse("retry: soon\n\nretry: -1\n\n");
        assertThat(parser.retry()).contains(Duration.ofMillis(2500));
    }

    @Test
    void noRetryUntilTheServerSendsOne() {
        parse("id: 1\ndata: x\n\n");
        assertThat(parser.retry()).isEmpty();
    }

    @Test
    void crlfAndLoneCrEndLinesToo() {
        assertThat(parse("id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\r\r"))
            .containsExactly(new SseEvent("1", "a", "x"), new SseEvent("2", "b", "y"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        assertThat(parse("event:a\ndata:  two spaces\n\n")).containsExactly(new SseEvent("", "a", " two spaces"));
    }

    @Test
    void unknownFieldsAndAnIdWithNulAreIgnored() {
        assertThat(parse("id: 4\nid: 5\0\ncolour: blue\ndata: x\n\n"))
            .containsExactly(new SseEvent("4", "message", "x"));
    }

    @Test
    void anUnfinishedEventAtTheEndIsNotDispatched() {
        assertThat(parse("id: 1\ndata: x\n")).isEmpty();
    }

    /**
     * Splits the text into lines as the HTTP client's {@code ofLines()} does, then parses
     * them.
     */
    private List<SseEvent> parse(String text) {
        return new BufferedReader(new StringReader(text)).lines().map(parser::accept).filter(Objects::nonNull).toList();
    }

}

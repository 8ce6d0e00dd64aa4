package io.hookline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a {@link TestReceiver} answers a request. Immutable; the {@code with…} methods return copies.
 *
 * <pre>{@code
 * Reply.status(200)
 * Reply.status(429).withHeader("Retry-After", "7")
 * Reply.status(302).withHeader("Location", other.url("/elsewhere"))
 * Reply.status(200).withBody("{\"ok\":true}").after(Duration.ofMillis(300))
 * Reply.hang()                                    // reads the request, never answers
 * Reply.reset()                                   // reads the request, then resets the TCP connection
 * Reply.trickle(200, Duration.ofMillis(100))      // headers at once, then one body byte per interval, forever
 * Reply.endlessBody(200)                          // headers, then body bytes as fast as the client reads, forever
 * }</pre>
 *
 * @param mode    what kind of answer
 * @param status  the status code (not used by HANG and RESET)
 * @param headers extra response headers, in order; {@code content-length}/{@code transfer-encoding} are set by
 *                the receiver. {@code connection: close} closes the connection after answering.
 * @param body    the body of a NORMAL answer
 * @param delay   wait this long after reading the request, before answering (or resetting)
 * @param interval TRICKLE only: the pause between body bytes
 */
public record Reply(Mode mode, int status, List<Map.Entry<String, String>> headers, byte[] body, Duration delay,
                    Duration interval) {

    public enum Mode { NORMAL, HANG, RESET, TRICKLE, ENDLESS_BODY }

    public Reply {
        headers = List.copyOf(headers);
    }

    /** A complete answer with this status, no extra headers and an empty body. */
    public static Reply status(int status) {
        return new Reply(Mode.NORMAL, status, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
    }

    /** Reads the request and never answers, until the receiver is closed. */
    public static Reply hang() {
        return new Reply(Mode.HANG, 0, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
    }

    /** Reads the request, then closes the socket abruptly (TCP RST), sending no response at all. */
    public static Reply reset() {
        return new Reply(Mode.RESET, 0, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
    }

    /** Sends the status and headers at once, then a chunked body of one byte per {@code interval}, never ending. */
    public static Reply trickle(int status, Duration interval) {
        return new Reply(Mode.TRICKLE, status, List.of(), new byte[0], Duration.ZERO, interval);
    }

    /** Sends the status and headers, then a chunked body as fast as the client reads, never ending. */
    public static Reply endlessBody(int status) {
        return new Reply(Mode.ENDLESS_BODY, status, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
    }

    public Reply withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(mode, status, more, body, delay, interval);
    }

    public Reply withBody(String text) {
        return withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    public Reply withBody(byte[] bytes) {
        return new Reply(mode, status, headers, bytes.clone(), delay, interval);
    }

    /** Waits {@code wait} after reading the request before answering. */
    public Reply after(Duration wait) {
        return new Reply(mode, status, headers, body, wait, interval);
    }

    boolean closesConnection() {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("connection")
                && h.getValue().equalsIgnoreCase("close"));
    }
}

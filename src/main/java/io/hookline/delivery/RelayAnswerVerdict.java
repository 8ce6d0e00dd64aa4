package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A relay client's answer judged as Hookline judges its own sends (docs/relay.md): only the
 * receiver's expected code is a success, Retry-After counts on 429 and 503, and what is kept of the
 * response is capped as for a direct send.
 */
final class RelayAnswerVerdict {

    private RelayAnswerVerdict() {
    }

    static DeliveryOutcome outcome(RelayHandoff.LocalAnswer answer, int expected, int bodyLimit, Instant now) {
        if (answer.status() == null) {
            DeliveryOutcome.ErrorKind kind = answer.errorKind() == null ? DeliveryOutcome.ErrorKind.OTHER : answer.errorKind();
            return new DeliveryOutcome.Failed(null, kind, cap(answer.error() == null ? "no response" : answer.error(),
                    1000), null, null, null);
        }
        int status = answer.status();
        String headers = cap(answer.responseHeaders(), ResponseCapture.HEADERS_LIMIT);
        String body = cap(answer.responseBody(), bodyLimit);
        if (status == expected) {
            return new DeliveryOutcome.Delivered(status, headers, body);
        }
        Duration retryAfter = status == 429 || status == 503 ? RetryAfterHeader.parse(answer.retryAfter(), now) : null;
        return new DeliveryOutcome.Failed(status, DeliveryOutcome.ErrorKind.BAD_RESPONSE,
                "expected " + expected + ", got " + status, retryAfter, headers, body);
    }

    private static String cap(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit);
    }
}

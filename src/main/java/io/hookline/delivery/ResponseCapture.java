package io.hookline.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/** Keeps what the audit trail shows of a response: capped headers and a capped body. */
final class ResponseCapture {

    /** Characters of rendered response headers kept. */
    static final int HEADERS_LIMIT = 4096;

    private ResponseCapture() {
    }

    /** The headers as {@code name: value} lines, cut at {@link #HEADERS_LIMIT} characters. */
    static String headers(Header[] headers) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            text.append(header.getName()).append(": ").append(header.getValue()).append('\n');
            if (text.length() >= HEADERS_LIMIT) {
                text.setLength(HEADERS_LIMIT);
                break;
            }
        }
        return text.toString();
    }

    /** A body read up to a limit, and whether more was left unread. */
    record Body(String text, boolean truncated) {
    }

    /**
     * Reads at most {@code limit} bytes as UTF-8 (malformed bytes replaced). One byte past the limit is
     * read to tell "exactly the limit" from "more": the caller must then abort the connection rather
     * than close the stream, because closing would drain a body that may be huge or endless.
     */
    static Body body(HttpEntity entity, int limit) throws IOException {
        if (entity == null) {
            return new Body("", false);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new Body("", false);
        }
        byte[] bytes = in.readNBytes(limit == Integer.MAX_VALUE ? limit : limit + 1);
        boolean truncated = bytes.length > limit;
        int kept = Math.min(bytes.length, limit);
        return new Body(new String(bytes, 0, kept, StandardCharsets.UTF_8), truncated);
    }
}

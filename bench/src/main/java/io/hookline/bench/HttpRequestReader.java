package io.hookline.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The little of HTTP/1.1 the bench receiver reads: lines, the headers it needs, and a body sent with
 * Content-Length or chunked.
 */
final class HttpRequestReader {

    /** What the bench receiver keeps of a request: its {@code webhook-id} header (null if none) and its body. */
    record Request(String webhookId, byte[] body) {
    }

    private HttpRequestReader() {
    }

    /** Reads the rest of one request, after its request line. */
    static Request readRest(InputStream in) throws IOException {
        String webhookId = null;
        long length = 0;
        boolean chunked = false;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "webhook-id" -> webhookId = value;
                default -> { }
            }
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
        return new Request(webhookId, body);
    }

    /** A CRLF-terminated line, or null at the end of the stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
        if (line.isEmpty()) {
            return null;
        }
        throw new IOException("connection closed mid-line");
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }
}

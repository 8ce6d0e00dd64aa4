package io.hookline.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.hookline.receiver.HeaderRules;
import io.hookline.receiver.SecretMasking;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Keeps what the audit trail shows of a request (docs/receiving.md): every header as it went on the
 * wire, with the values of the receiver's custom headers masked. Those values are secrets, encrypted
 * at rest; the audit trail is not the place to read them back. Signatures are shown as sent: they
 * prove nothing without the body and cannot be turned back into the secret.
 */
final class RequestCapture {

    /** Characters of rendered request headers kept. */
    static final int HEADERS_LIMIT = 16 * 1024;
    private static final String SENT_HEADERS = "hookline.sent-headers";

    private RequestCapture() {
    }

    /**
     * Runs after every other request interceptor of the client, so it sees the headers the transport
     * added too ({@code Host}, {@code Content-Length}, …): exactly what the receiver gets.
     */
    static HttpRequestInterceptor lastInterceptor() {
        return (request, entity, context) -> context.setAttribute(SENT_HEADERS, request.getHeaders());
    }

    /**
     * The request of one try. When the client never got as far as its interceptors, the headers are
     * the ones Hookline set, as they would have been sent.
     */
    static SentRequest of(DeliveryRequest request, HttpPost post, HttpContext context) {
        Header[] sent = (Header[]) context.getAttribute(SENT_HEADERS);
        List<DeliveryRequest.Header> headers = sent == null ? WebhookRequests.headers(post) : listed(sent);
        return new SentRequest(request.webhookUri(), headers(headers, request.customHeaders()));
    }

    /** {@code name: value} lines, custom header values masked, cut at {@link #HEADERS_LIMIT} characters. */
    static String headers(List<DeliveryRequest.Header> headers, List<DeliveryRequest.Header> custom) {
        // Only headers that are sent: a stored one the send rules drop must not mask a real header's value.
        Set<String> masked = custom.stream().filter(h -> HeaderRules.allowedAtSend(h.key(), h.value()))
                .map(h -> h.key().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        StringBuilder text = new StringBuilder();
        for (DeliveryRequest.Header header : headers) {
            String value = masked.contains(header.key().toLowerCase(Locale.ROOT)) ? SecretMasking.MASK : header.value();
            text.append(header.key()).append(": ").append(value).append('\n');
            if (text.length() >= HEADERS_LIMIT) {
                text.setLength(HEADERS_LIMIT);
                break;
            }
        }
        return text.toString();
    }

    private static List<DeliveryRequest.Header> listed(Header[] headers) {
        List<DeliveryRequest.Header> list = new ArrayList<>(headers.length);
        for (Header header : headers) {
            list.add(new DeliveryRequest.Header(header.getName(), header.getValue()));
        }
        return list;
    }
}

package io.hookline.delivery;

/**
 * A try's request as the audit trail shows it (docs/receiving.md). The body is not repeated here:
 * it is the event's stored body, as the {@code content-type} among the headers sends it.
 *
 * @param url     where it was POSTed; null for a relay try, whose local URL only the relay client knows
 * @param headers {@code name: value} lines in the order sent, custom header values masked, capped
 */
public record SentRequest(String url, String headers) {
}

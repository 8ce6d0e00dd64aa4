package io.hookline.receiver;

/** A custom header sent with every webhook to one receiver; the value is decrypted. */
public record ReceiverHeader(long id, long receiverId, String key, String value) {
}

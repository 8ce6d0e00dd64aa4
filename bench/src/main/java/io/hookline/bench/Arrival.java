package io.hookline.bench;

/** One request as it reached a bench receiver; {@code nanos} is {@link System#nanoTime()} once the body was read. */
record Arrival(int receiver, String title, String webhookId, long nanos) {
}

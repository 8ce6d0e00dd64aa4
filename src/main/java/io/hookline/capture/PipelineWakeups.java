package io.hookline.capture;

/** The doorbells of the two pipeline workers, rung by NOTIFY and by each other. */
public record PipelineWakeups(Wakeup fanOut, Wakeup delivery) {
}

package io.hookline.bench;

/** A real body Hookline sent and the run title in it, from which the baselines make the bodies they post. */
record BodyTemplate(String template, String templateTitle) {

    /** The body to post under {@code title}: Hookline's own body with the run title replaced. */
    String body(String title) {
        return template.replace("\"" + templateTitle + "\"", "\"" + title + "\"");
    }
}

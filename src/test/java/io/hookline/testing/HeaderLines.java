package io.hookline.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the audit trail's {@code name: value} header lines the way {@link ReceivedRequest} keeps headers. */
public final class HeaderLines {

    private HeaderLines() {
    }

    /** Lower-case names in order of first appearance, each with its values in order. */
    public static Map<String, List<String>> parse(String lines) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }
}

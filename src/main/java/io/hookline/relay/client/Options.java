package io.hookline.relay.client;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options as {@code --name value} or {@code --name=value}; unknown names are refused. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final boolean help;

    private Options(boolean help) {
        this.help = help;
    }

    static Options parse(String[] args, Set<String> known) {
        Options options = new Options(List.of(args).stream().anyMatch(a -> a.equals("--help") || a.equals("-h")));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            options.values.put(name, value);
        }
        return options;
    }

    boolean help() {
        return help;
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value.trim();
    }

    String optional(String name, String otherwise) {
        String value = values.get(name);
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    int number(String name, int otherwise, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max);
    }

    /** An absolute http(s) URL. */
    URI url(String name) {
        String value = required(name);
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be an absolute http:// or https:// URL, not '" + value + "'");
    }

    /** Wrong command-line input: the message says what, the usage follows it. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

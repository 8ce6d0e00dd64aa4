package io.hookline.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a table's check constraints say about single columns, in the two shapes the migrations
 * use: a list of allowed values ({@code status in ('TODO', …)}) and a bound ({@code quantity >= 0}).
 * Constraints of any other shape say nothing here; the schema is then only less strict, never wrong.
 */
final class ColumnRules {

    private static final Pattern ALLOWED_VALUES = Pattern.compile(
            "^CHECK \\(\\((\\w+) = ANY \\(ARRAY\\[(.*)]\\)\\)\\)$");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'::[\\w ]+");
    private static final Pattern BOUND = Pattern.compile(
            "^CHECK \\(\\((\\w+) (>=|>|<=|<) \\(?(-?[0-9.]+)\\)?(?:::[\\w ]+)?\\)\\)$");

    /** A bound on a number column: {@code >= 0} is a minimum, {@code > 0} an exclusive one. */
    record Bound(String operator, BigDecimal value) {
    }

    private final Map<String, List<String>> allowedValues = new HashMap<>();
    private final Map<String, List<Bound>> bounds = new HashMap<>();

    ColumnRules(List<String> checkDefinitions) {
        for (String definition : checkDefinitions) {
            Matcher values = ALLOWED_VALUES.matcher(definition);
            if (values.matches()) {
                List<String> allowed = new ArrayList<>();
                Matcher quoted = QUOTED.matcher(values.group(2));
                while (quoted.find()) {
                    allowed.add(quoted.group(1).replace("''", "'"));
                }
                allowedValues.put(values.group(1), List.copyOf(allowed));
                continue;
            }
            Matcher bound = BOUND.matcher(definition);
            if (bound.matches()) {
                bounds.computeIfAbsent(bound.group(1), c -> new ArrayList<>())
                        .add(new Bound(bound.group(2), new BigDecimal(bound.group(3))));
            }
        }
    }

    List<String> allowedValues(String column) {
        return allowedValues.getOrDefault(column, List.of());
    }

    List<Bound> bounds(String column) {
        return bounds.getOrDefault(column, List.of());
    }
}

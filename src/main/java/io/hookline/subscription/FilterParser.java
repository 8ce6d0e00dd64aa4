package io.hookline.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.hookline.api.ApiException;
import io.hookline.subscription.FilterNode.Operator;

/**
 * Reads a {@code WebhookFilterInput} and enforces every rule on its shape (docs/filters.md):
 * each node is one combinator or one field test, a test has exactly one operator on a known
 * field, lists are not empty, at most {@value #MAX_TESTS} tests, at most {@value #MAX_DEPTH} levels.
 * Every broken rule is BAD_USER_INPUT naming where and what.
 */
final class FilterParser {

    static final int MAX_TESTS = 50;
    static final int MAX_DEPTH = 5;

    private static final List<String> COMBINATORS = List.of("all", "any", "not");

    private final String resource;
    private final Map<String, ResourceColumns.Kind> columns;
    private int tests;

    private FilterParser(String resource, Map<String, ResourceColumns.Kind> columns) {
        this.resource = resource;
        this.columns = columns;
    }

    static FilterNode parse(Object input, String resource, Map<String, ResourceColumns.Kind> columns) {
        FilterParser parser = new FilterParser(resource, columns);
        FilterNode node = parser.node(input, "filter", 1);
        if (parser.tests > MAX_TESTS) {
            throw ApiException.badInput("filter has " + parser.tests + " field tests; at most " + MAX_TESTS
                    + " are allowed");
        }
        return node;
    }

    private FilterNode node(Object input, String at, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.badInput(at + ": filter nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!(input instanceof Map<?, ?> map)) {
            throw ApiException.badInput(at + ": a filter node must be an object");
        }
        List<String> combinators = present(map, COMBINATORS);
        List<String> testKeys = present(map, testKeys());
        if (!combinators.isEmpty() && !testKeys.isEmpty()) {
            throw ApiException.badInput(at + " mixes a combinator (" + String.join(", ", combinators)
                    + ") with a field test (" + String.join(", ", testKeys) + "); put the test inside the combinator");
        }
        if (combinators.size() > 1) {
            throw ApiException.badInput(at + " has " + String.join(" and ", combinators)
                    + "; a node holds one combinator: nest them instead");
        }
        if (combinators.isEmpty()) {
            return test(map, at);
        }
        String combinator = combinators.getFirst();
        Object value = map.get(combinator);
        if (combinator.equals("not")) {
            return new FilterNode.Not(node(value, at + ".not", depth + 1));
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw ApiException.badInput(at + "." + combinator + " is empty; list at least one condition");
        }
        List<FilterNode> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            nodes.add(node(list.get(i), at + "." + combinator + "[" + i + "]", depth + 1));
        }
        return combinator.equals("all") ? new FilterNode.All(nodes) : new FilterNode.Any(nodes);
    }

    private FilterNode test(Map<?, ?> map, String at) {
        tests++;
        Object field = map.get("field");
        List<String> operators = present(map, operatorKeys());
        if (!(field instanceof String name) || name.isBlank()) {
            throw ApiException.badInput(at + (operators.isEmpty() ? " is empty" : " has no field") + ": give a combinator"
                    + " (all, any, not) or a field test: field and one operator (" + String.join(", ", operatorKeys()) + ")");
        }
        if (!columns.containsKey(name)) {
            throw ApiException.badInput(at + ".field: '" + name + "' is not a field of " + resource + "; its fields are "
                    + String.join(", ", columns.keySet()));
        }
        if (operators.size() != 1) {
            throw ApiException.badInput(at + " tests field '" + name + "' with "
                    + (operators.isEmpty() ? "no operator" : operators.size() + " operators ("
                    + String.join(", ", operators) + ")") + "; give exactly one of " + String.join(", ", operatorKeys()));
        }
        Operator operator = operator(operators.getFirst());
        Object value = map.get(operator.key);
        if (columns.get(name) == ResourceColumns.Kind.JSON && operator != Operator.IS_NULL) {
            throw ApiException.badInput(at + ": field '" + name + "' of " + resource
                    + " holds JSON; only isNull applies to it");
        }
        if (operator == Operator.IN) {
            value = List.copyOf((List<?>) value);
        }
        return new FilterNode.Test(name, operator, value);
    }

    private static Operator operator(String key) {
        for (Operator operator : Operator.values()) {
            if (operator.key.equals(key)) {
                return operator;
            }
        }
        throw new IllegalArgumentException(key);
    }

    private static List<String> operatorKeys() {
        return java.util.Arrays.stream(Operator.values()).map(o -> o.key).toList();
    }

    private static List<String> testKeys() {
        List<String> keys = new ArrayList<>(List.of("field"));
        keys.addAll(operatorKeys());
        return keys;
    }

    /** The keys given with a value; an explicit null counts as left out. */
    private static List<String> present(Map<?, ?> map, List<String> keys) {
        return keys.stream().filter(k -> map.get(k) != null).collect(Collectors.toList());
    }
}

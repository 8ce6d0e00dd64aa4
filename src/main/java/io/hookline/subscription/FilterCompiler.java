package io.hookline.subscription;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles a filter, once when it is saved, into a jsonpath predicate that PostgreSQL evaluates
 * in the fan-out (docs/filters.md). The path reads the row after the change as {@code $} (the row
 * before for a DELETE) and the row before as variables ({@code $"status"}); the database side is
 * {@code webhook_filter_matches}.
 *
 * <p>Values compare as the API says, as text: a test's text is turned into the literal of the
 * column's own JSON type, so {@code "7"} meets the number 7 and {@code "true"} the boolean true.
 * Numbers compare by value (7 and 7.000000 are one number). A text that cannot be a value of the
 * column (a letter for a number) never matches.
 *
 * <p>"Changed" is the value before differing from the value after, which is how the capture
 * computes changed_fields; the columns it never reports (updated_at, etag) never count as changed.
 */
final class FilterCompiler {

    private static final String NEVER = "(1 == 0)";

    private final Map<String, ResourceColumns.Kind> columns;
    private final List<String> bookkeeping;

    FilterCompiler(Map<String, ResourceColumns.Kind> columns, List<String> bookkeeping) {
        this.columns = columns;
        this.bookkeeping = bookkeeping;
    }

    String compile(FilterNode node) {
        return switch (node) {
            case FilterNode.All all -> join(all.nodes(), " && ");
            case FilterNode.Any any -> join(any.nodes(), " || ");
            case FilterNode.Not not -> "!(" + compile(not.node()) + ")";
            case FilterNode.Test test -> test(test);
        };
    }

    /**
     * The filter's key, if it has one: a field it requires to equal one of a few values, as the
     * fan-out's index finds candidates by it (docs/filters.md). A lone {@code equals}/{@code in}
     * test, or the one of an {@code all} with the fewest values.
     */
    Optional<Key> key(FilterNode node) {
        return switch (node) {
            case FilterNode.Test test -> keyOf(test);
            case FilterNode.All all -> all.nodes().stream()
                    .flatMap(n -> n instanceof FilterNode.Test t ? keyOf(t).stream() : Stream.empty())
                    .min(Comparator.comparingInt(k -> k.values().size()));
            default -> Optional.empty();
        };
    }

    /** A field and the values it must equal one of, each as JSON of the column's type. */
    record Key(String field, List<String> values) {
    }

    private Optional<Key> keyOf(FilterNode.Test test) {
        List<String> texts = switch (test.operator()) {
            case EQUALS -> List.of((String) test.value());
            case IN -> ((List<?>) test.value()).stream().map(String::valueOf).toList();
            default -> null;
        };
        if (texts == null) {
            return Optional.empty();
        }
        return Optional.of(new Key(test.field(), texts.stream().map(t -> literal(columns.get(test.field()), t))
                .filter(l -> l != null).distinct().toList()));
    }

    private String join(List<FilterNode> nodes, String operator) {
        return nodes.stream().map(this::compile).collect(Collectors.joining(operator, "(", ")"));
    }

    private String test(FilterNode.Test test) {
        String after = "$.\"" + test.field() + "\"";
        String before = "$\"" + test.field() + "\"";
        String changed = bookkeeping.contains(test.field()) ? NEVER : "!(" + after + " == " + before + ")";
        return switch (test.operator()) {
            case EQUALS -> equalsAny(after, List.of((String) test.value()), test.field());
            case IN -> equalsAny(after, ((List<?>) test.value()).stream().map(String::valueOf).toList(), test.field());
            case IS_NULL -> Boolean.TRUE.equals(test.value()) ? "(" + after + " == null)" : "!(" + after + " == null)";
            case CHANGED -> Boolean.TRUE.equals(test.value()) ? changed : "!" + wrap(changed);
            case CHANGED_FROM -> "(" + changed + " && " + equalsAny(before, List.of((String) test.value()), test.field()) + ")";
            case CHANGED_TO -> "(" + changed + " && " + equalsAny(after, List.of((String) test.value()), test.field()) + ")";
        };
    }

    private static String wrap(String predicate) {
        return predicate.startsWith("(") ? predicate : "(" + predicate + ")";
    }

    /** The value equals one of the texts, each read as a literal of the field's type. */
    private String equalsAny(String value, List<String> texts, String field) {
        List<String> literals = texts.stream().map(t -> literal(columns.get(field), t)).filter(l -> l != null).toList();
        if (literals.isEmpty()) {
            return NEVER;
        }
        return literals.stream().map(l -> value + " == " + l).collect(Collectors.joining(" || ", "(", ")"));
    }

    /** The jsonpath literal of a text for a column of this kind, or null when no value of it reads so. */
    static String literal(ResourceColumns.Kind kind, String text) {
        return switch (kind) {
            case NUMBER -> number(text);
            case BOOLEAN -> text.equals("true") || text.equals("false") ? text : null;
            case TEXT -> quoted(text);
            case JSON -> null;
        };
    }

    private static String number(String text) {
        if (!text.strip().equals(text) || !text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(text).toPlainString();
    }

    /** A jsonpath string literal: JSON's escapes. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

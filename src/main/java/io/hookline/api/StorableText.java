package io.hookline.api;

import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.StringValue;

/**
 * The rules for text a column can store exactly: no NUL (U+0000) and no lone UTF-16 surrogate,
 * checked in a value of any shape and in the string literals of a document, each problem naming
 * where the text is.
 */
final class StorableText {

    private StorableText() {
    }

    /** The rule {@code text} breaks, or null. */
    private static String problemInText(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return where + ": text must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return where + ": text must be valid Unicode, but has a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + " (send the character itself, or both halves of its pair)";
            }
        }
        return null;
    }

    /** The first text in the value, or in its map keys, that breaks a rule; null if none does. */
    static String problemInValue(String where, Object value) {
        return switch (value) {
            case String text -> problemInText(where, text);
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String problem = problemInText(where + " (a key)", String.valueOf(entry.getKey()));
                    if (problem == null) {
                        problem = problemInValue(where + "." + entry.getKey(), entry.getValue());
                    }
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    String problem = problemInValue(where + "[" + i + "]", list.get(i));
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case null, default -> null;
        };
    }

    /** Only escapes or raw surrogates can put such text in a document: most documents skip the parse. */
    static boolean mayHideBadText(String document) {
        return document.contains("\\u") || document.indexOf('\u0000') >= 0
                || document.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    /** The first string literal under {@code node} that breaks a rule, named by the field and argument it is in. */
    static String problemInNode(String where, Node<?> node) {
        String here = switch (node) {
            case Field field -> field.getResultKey();
            case Argument argument -> where + "(" + argument.getName() + ")";
            case ObjectField field -> where + "." + field.getName();
            default -> where;
        };
        if (node instanceof StringValue text) {
            return problemInText(where.isEmpty() ? "a string in the document" : where, text.getValue());
        }
        for (Node<?> child : node.getChildren()) {
            String problem = problemInNode(here, child);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}

package io.hookline.manufacturing;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.hookline.api.ApiException;

/** The status changes a resource allows; any other is BAD_USER_INPUT naming what is allowed. */
public final class Transitions<S extends Enum<S>> {

    /** The resource with its article, as in "a run" or "an issue". */
    private final String what;
    private final Class<S> type;
    private final Map<S, Set<S>> allowed;

    private Transitions(String what, Class<S> type) {
        this.what = what;
        this.type = type;
        this.allowed = new EnumMap<>(type);
    }

    public static <S extends Enum<S>> Transitions<S> of(String what, Class<S> type) {
        return new Transitions<>(what, type);
    }

    @SafeVarargs
    public final Transitions<S> from(S from, S... to) {
        Set<S> targets = EnumSet.noneOf(type);
        targets.addAll(java.util.List.of(to));
        allowed.put(from, targets);
        return this;
    }

    /** Passes when {@code to} is the same status (nothing changes) or an allowed next one. */
    public void check(S from, S to) {
        if (from == to) {
            return;
        }
        Set<S> next = allowed.getOrDefault(from, Set.of());
        if (!next.contains(to)) {
            throw ApiException.badInput("status: " + what + " cannot go from " + from + " to " + to
                    + (next.isEmpty() ? "; " + from + " is final" : "; from " + from + " it can go to " + next));
        }
    }
}

package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.auth.User;
import io.hookline.auth.UserDirectory;
import org.springframework.stereotype.Component;

/** Resolves the user ids rows record (who started, signed off, entered) to users, a batch at a time. */
@Component
public class People {

    private final UserDirectory users;

    People(UserDirectory users) {
        this.users = users;
    }

    public <T extends Row> Map<T, User> of(List<T> rows, Function<T, Long> userId) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        Set<Long> ids = rows.stream().map(userId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, User> found = users.byIds(rows.getFirst().organizationId(), ids);
        return rows.stream().filter(r -> userId.apply(r) != null && found.containsKey(userId.apply(r)))
                .collect(Collectors.toMap(Function.identity(), r -> found.get(userId.apply(r)), (a, b) -> a));
    }
}

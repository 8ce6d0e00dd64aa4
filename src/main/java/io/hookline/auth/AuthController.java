package io.hookline.auth;

import java.util.Locale;
import java.util.regex.Pattern;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Inputs;
import io.hookline.query.Connection;
import io.hookline.query.PageArgs;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The caller, the organization's users and their API keys. */
@Controller
class AuthController {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final AuthRepository repository;

    AuthController(AuthRepository repository) {
        this.repository = repository;
    }

    record CreateUserInput(String name, String email, Caller.Role role) {
    }

    record CreateApiKeyInput(String name, Long userId) {
    }

    record CreatedApiKey(ApiKey apiKey, String token) {
    }

    @QueryMapping
    User me(@ContextValue(Caller.CONTEXT_KEY) Caller caller) {
        return repository.findUser(caller.organizationId(), caller.userId())
                .orElseThrow(() -> ApiException.notFound("User", caller.userId()));
    }

    @QueryMapping
    Connection<User> users(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                           @Argument String after, @Argument Integer last, @Argument String before) {
        return repository.users(caller.organizationId(), PageArgs.of(first, after, last, before));
    }

    @QueryMapping
    Connection<ApiKey> apiKeys(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Long userId,
                               @Argument Integer first, @Argument String after, @Argument Integer last,
                               @Argument String before) {
        return repository.apiKeys(caller.organizationId(), userId, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    User createUser(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateUserInput input) {
        caller.requireAdmin();
        String name = Inputs.requireName("name", input.name());
        String email = input.email() == null ? "" : input.email().trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches() || email.length() > 320) {
            throw ApiException.badInput("email must be an email address");
        }
        Caller.Role role = input.role() == null ? Caller.Role.MEMBER : input.role();
        return repository.createUser(caller.organizationId(), name, email, role);
    }

    @MutationMapping
    CreatedApiKey createApiKey(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateApiKeyInput input) {
        caller.requireAdmin();
        String name = Inputs.requireName("name", input.name());
        long userId = input.userId() == null ? caller.userId() : input.userId();
        repository.findUser(caller.organizationId(), userId).orElseThrow(() -> ApiException.notFound("User", userId));
        String token = ApiKeyTokens.generate();
        return new CreatedApiKey(repository.createApiKey(caller.organizationId(), userId, name, token), token);
    }

    @MutationMapping
    ApiKey revokeApiKey(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        caller.requireAdmin();
        return repository.revokeApiKey(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("API key", id));
    }

    @SchemaMapping(typeName = "ApiKey")
    User user(ApiKey key, @ContextValue(Caller.CONTEXT_KEY) Caller caller) {
        return repository.findUser(caller.organizationId(), key.userId()).orElse(null);
    }
}

package io.hookline.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Documents copied from web pages carry no-break spaces (U+00A0) and other Unicode spaces where
 * GraphQL allows only ASCII white space, so a query pasted from the reference document would not
 * parse. Outside string literals and comments such characters are read as plain spaces; inside
 * strings they are left alone, since there they are data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LenientWhitespaceInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String document = request.getDocument();
        String normalized = normalize(document);
        if (!normalized.equals(document)) {
            request.configureExecutionInput((input, builder) -> builder.query(normalized).build());
        }
        return chain.next(request);
    }

    static String normalize(String document) {
        StringBuilder out = null;
        boolean inString = false;
        boolean inBlockString = false;
        boolean inComment = false;
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (inComment) {
                inComment = c != '\n' && c != '\r';
            } else if (inBlockString) {
                if (document.startsWith("\"\"\"", i) && document.charAt(i - 1) != '\\') {
                    inBlockString = false;
                    i += 2;
                }
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"' || c == '\n') {
                    inString = false;
                }
            } else if (document.startsWith("\"\"\"", i)) {
                inBlockString = true;
                i += 2;
            } else if (c == '"') {
                inString = true;
            } else if (c == '#') {
                inComment = true;
            } else if (Character.isSpaceChar(c) && c != ' ' || c == '\uFEFF') {
                if (out == null) {
                    out = new StringBuilder(document);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? document : out.toString();
    }
}

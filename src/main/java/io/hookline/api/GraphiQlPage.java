package io.hookline.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GraphiQL at {@code /graphiql}: a page and its scripts bundled at {@code static/graphiql/} from
 * the npm packages in {@code src/main/graphiql} (licenses beside them), so it loads nothing from
 * the internet. It talks to {@code /graphql} like any client.
 */
@Configuration(proxyBeanMethods = false)
class GraphiQlPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
        registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
    }
}

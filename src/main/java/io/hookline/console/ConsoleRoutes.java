package io.hookline.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console is static files under {@code static/console/}; these send the short addresses
 * people type to its page. It talks to the API only through {@code /graphql}, like any client.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes implements WebMvcConfigurer {

    static final String CONSOLE_PAGE = "/console/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", CONSOLE_PAGE);
        registry.addRedirectViewController("/console", CONSOLE_PAGE);
        registry.addRedirectViewController("/console/", CONSOLE_PAGE);
    }
}

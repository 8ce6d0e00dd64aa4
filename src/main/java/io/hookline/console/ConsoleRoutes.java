package io.hookline.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console is static files under {@code static/console/}; these send the short addresses
 * people type to its page. It talks to the API only through {@code /graphql}, like any client.
 * The libraries it draws with come from their webjars in Hookline's own jar, under
 * {@code /console/vendor/}, so the page loads nothing from elsewhere and its scripts name no version.
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

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/vendor/uplot/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/");
    }

    /** The version of the npm webjar on the class path, as its own Maven metadata says: the pom names it once. */
    static String webjarVersion(String artifact) {
        String metadata = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(metadata)) {
            if (in == null) {
                throw new IllegalStateException("The " + artifact + " webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

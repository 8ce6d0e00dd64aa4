package io.hookline.console;

import java.nio.file.Paths;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.hookline.testing.BrowserTest;
import org.junit.jupiter.api.BeforeEach;

/** The console's browser tests ({@link BrowserTest}): signing in, and how they find things on a page. */
abstract class ConsoleBrowserBase extends BrowserTest {

    /** The text of every confirm() the page asked, each accepted. */
    protected final java.util.List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void acceptDialogs() {
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.accept();
        });
    }

    protected void signIn(String key) {
        page.navigate("http://localhost:" + port + "/console/");
        page.getByLabel("API key").fill(key);
        button("Sign in").click();
    }

    protected Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    protected Locator row(String text) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
    }

    protected static LocatorAssertions.ContainsTextOptions within(int seconds) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(seconds * 1000.0);
    }

    protected Locator heading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    protected Locator notice() {
        return page.getByRole(AriaRole.STATUS);
    }

    /** A full-page screenshot under target/screenshots, for people to look at. */
    protected void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", name + ".png")).setFullPage(true));
    }

    protected Locator region(String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name));
    }

    protected Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}

package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.hookline.testing.Tenants;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

/** API keys and users in the console, and what a MEMBER's key is offered across it. */
class ConsoleAccessBrowserTest extends ConsoleBrowserBase {

    private static final String ME = "{ me { id role } }";

    @Test
    void an_admin_creates_a_key_whose_token_is_shown_once_works_and_is_refused_once_revoked() {
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin("http://localhost:" + port));
        signIn(tenant.token());
        link("API keys").click();
        assertThat(heading()).hasText("API keys");
        assertThat(row("test")).containsText("Admin of Acme (you)");

        button("New API key").click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New API key"));
        form.getByLabel("Name").fill("ci-deploy");
        button("Create API key").click();

        Locator shown = page.getByLabel("New API key token");
        assertThat(shown).isVisible();
        String token = shown.textContent();
        assertThat(token).startsWith("hk_");
        assertThat(region("API key “ci-deploy” created")).containsText("you will not see it again");
        button("Copy token").click();
        assertThat(notice()).containsText("API key token copied.");
        assertThat((String) page.evaluate("navigator.clipboard.readText()")).isEqualTo(token);
        assertThat(row("ci-deploy")).containsText(token.substring(0, 9) + "…");
        assertThat(row("ci-deploy")).containsText("Active");
        screenshot("api-key-created");

        assertThat(api.as(token).execute(ME).ok().id("$.data.me.id")).isEqualTo(tenant.userId());
        page.reload();
        assertThat(row("ci-deploy")).isVisible();
        assertThat(page.getByLabel("New API key token")).hasCount(0);
        assertThat(page.content()).as("the token after a reload").doesNotContain(token);

        button("Revoke ci-deploy").click();
        assertThat(notice()).containsText("API key “ci-deploy” revoked.");
        assertThat(dialogs).singleElement().asString().contains("UNAUTHENTICATED");
        assertThat(row("ci-deploy")).containsText("Revoked");
        assertThat(button("Revoke ci-deploy")).hasCount(0);
        assertThat(api.as(token).execute(ME).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.execute(ME).ok().id("$.data.me.id")).as("the other keys still work").isEqualTo(tenant.userId());
        screenshot("api-keys");
    }

    @Test
    void an_admin_adds_a_member_and_a_key_that_acts_as_them() {
        signIn(tenant.token());
        link("Users").click();
        button("New user").click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New user"));
        form.getByLabel("Name").fill("Mia Member");
        form.getByLabel("Email").fill("mia@example.com");
        assertThat(form.getByLabel("Role")).hasValue("MEMBER");
        screenshot("user-new");
        button("Add user").click();

        assertThat(notice()).containsText("User “Mia Member” added as MEMBER.");
        assertThat(row("mia@example.com")).containsText("MEMBER");
        assertThat(row("Admin of Acme")).containsText("ADMIN");
        screenshot("users");

        notice().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Create an API key")).click();
        assertThat(heading()).hasText("API keys of Mia Member");
        assertThat(page.getByText("Mia Member has no API keys.")).isVisible();
        button("New API key").click();
        Locator keyForm = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New API key"));
        assertThat(keyForm.getByLabel("Acts as").locator("option:checked")).hasText("Mia Member (MEMBER)");
        keyForm.getByLabel("Name").fill("mia laptop");
        button("Create API key").click();

        String token = page.getByLabel("New API key token").textContent();
        assertThat(row("mia laptop")).containsText("Mia Member");
        assertThat(api.as(token).execute(ME).ok().string("$.data.me.role")).isEqualTo("MEMBER");
    }

    @Test
    void a_member_sees_keys_and_users_read_only_and_no_secret_or_change_button_on_a_receiver() {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        Webhooks.Receiver receiver = webhooks.receiver("https://example.com/hooks", "headers",
                List.of(Map.of("key", "X-Api-Key", "value", "sk_live_for_admins_only")));
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        Tenants.Tenant member = tenants.user(tenant.organizationId(), "Mia Member", "MEMBER");

        signIn(member.token());
        assertThat(page.locator("#who")).containsText("MEMBER");
        assertThat(row("receiver")).isVisible();
        assertThat(button("New receiver")).hasCount(0);
        link("receiver").click();
        assertThat(heading()).containsText("receiver");
        Locator secret = page.locator("dt:text-is('Shared secret') + dd");
        assertThat(secret).containsText("whsec_********");
        assertThat(secret).containsText("only an ADMIN sees it");
        for (String refused : List.of("Reveal", "Rotate secret", "Edit settings", "Pause", "Send test event", "Delete",
                "Add header", "Add subscription", "Filter RUNS CREATE", "Delete RUNS CREATE", "Change header X-Api-Key")) {
            assertThat(button(refused).count()).as(refused).isZero();
        }
        assertThat(region("Custom headers")).containsText("********");
        assertThat(page.content()).doesNotContain(receiver.sharedSecret()).doesNotContain("sk_live_for_admins_only");
        screenshot("member-receiver");

        link("API keys").click();
        assertThat(heading()).hasText("API keys");
        assertThat(page.getByText("You are signed in with a MEMBER key: you see the organization's API keys")).isVisible();
        assertThat(row("Mia Member (you)")).containsText("Active");
        assertThat(row("Admin of Acme")).containsText("Active");
        assertThat(button("New API key")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke"))).hasCount(0);
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
        assertThat(page.content()).as("no token").doesNotContain(member.token()).doesNotContain(tenant.token());
        screenshot("member-api-keys");

        link("Users").click();
        assertThat(heading()).hasText("Users");
        assertThat(page.getByText("You are signed in with a MEMBER key: you see the organization's users")).isVisible();
        assertThat(row("Mia Member")).containsText("MEMBER");
        assertThat(row("Admin of Acme")).containsText("ADMIN");
        assertThat(button("New user")).hasCount(0);
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
        screenshot("member-users");
    }
}

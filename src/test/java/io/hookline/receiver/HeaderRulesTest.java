package io.hookline.receiver;

import java.util.stream.Stream;

import io.hookline.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One rule for custom headers, at save and at send: what one refuses the other never sends. */
class HeaderRulesTest {

    static Stream<String> reservedNames() {
        return Stream.of("Content-Encoding", "content-encoding", "Accept-Encoding", "Date", "Via", "Content-Length",
                "Transfer-Encoding", "Content-Type", "Host", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer",
                "Proxy-Authorization", "Proxy-Connection", "Expect", "User-Agent", "X-ION-Signature", "Webhook-Id",
                "webhook-signature", "Webhook-Anything");
    }

    @ParameterizedTest
    @MethodSource("reservedNames")
    void a_reserved_name_is_refused_at_save_and_never_sent(String name) {
        assertThatThrownBy(() -> HeaderRules.checkOne(name, "x"))
                .isInstanceOf(ApiException.class).hasMessageContaining("'" + name + "' is reserved");
        assertThat(HeaderRules.allowedAtSend(name, "x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "a\u007Fb", "caf\u00E9", "\u20AC5", "emoji \uD83D\uDD27", "a\rb", "a\nb", "a\u0000b",
            " leading", "trailing\t", "a\u00A0b"})
    void a_value_beyond_visible_ascii_space_and_tab_is_refused_at_save_and_never_sent(String value) {
        assertThatThrownBy(() -> HeaderRules.checkOne("X-Tenant", value))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("headers.value of 'X-Tenant' may hold only visible ASCII characters, spaces and tabs");
        assertThat(HeaderRules.allowedAtSend("X-Tenant", value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_~+/=", "a b\tc", "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ""})
    void visible_ascii_with_inner_spaces_and_tabs_is_kept(String value) {
        HeaderRules.checkOne("Authorization", value);
        assertThat(HeaderRules.allowedAtSend("Authorization", value)).isTrue();
    }

    @Test
    void a_name_that_is_not_a_token_is_refused_at_save_and_never_sent() {
        assertThatThrownBy(() -> HeaderRules.checkOne("X Tenant", "x")).hasMessageContaining("not a valid header name");
        assertThat(HeaderRules.allowedAtSend("X Tenant", "x")).isFalse();
        assertThat(HeaderRules.allowedAtSend("X:Tenant", "x")).isFalse();
    }
}

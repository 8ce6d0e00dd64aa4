package io.hookline.egress;

import static io.hookline.egress.StubHostResolver.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {

    private final StubHostResolver resolver = new StubHostResolver();

    private EgressPolicy policy(boolean allowHttp, String... allowedCidrs) {
        return new EgressPolicy(new EgressProperties(allowHttp, List.of(allowedCidrs), "", "", List.of()), resolver);
    }

    private final EgressPolicy policy = policy(false);

    /** The host as HttpClient hands it to its DnsResolver: IPv6 literals keep their brackets. */
    private static String hostOf(String uri) {
        return URI.create(uri).getRawAuthority();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/", "https://2130706433/", "https://0177.0.0.1/", "https://0x7f.0.0.1/",
            "https://0x7f000001/", "https://127.1/", "https://0.0.0.0/", "https://[::1]/", "https://[::]/",
            "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::127.0.0.1]/",
            "https://[2002:7f00:1::]/", "https://[64:ff9b::7f00:1]/", "https://[64:ff9b::a9fe:a9fe]/",
            "https://[64:ff9b:1::808:808]/", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "https://169.254.169.254/", "https://[fe80::1]/", "https://[fd00::1]/", "https://10.1.2.3/",
            "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/", "https://224.0.0.1/",
            "https://[ff02::1]/", "https://255.255.255.255/", "https://240.0.0.1/", "https://198.18.0.1/",
            "https://192.0.2.1/", "https://[2001:db8::1]/", "https://localhost/", "https://loopback.example/",
            "https://mixed.example/", "https://mapped-loopback.example/", "https://134744072/"})
    void refuses_the_destination_when_saved_and_when_sent(String uri) {
        assertThatThrownBy(() -> policy.checkUri(uri))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageStartingWith("webhookUri host ");
        assertThatThrownBy(() -> new CheckedDnsResolver(policy).resolve(hostOf(uri)))
                .isInstanceOf(EgressBlockedIOException.class)
                .hasMessageStartingWith("webhookUri host ")
                .hasCauseInstanceOf(EgressRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f.0.0.1/",
            "https://0x7f000001/", "https://127.1/", "https://[::1]/", "https://[2002:7f00:1::]/",
            "https://10.1.2.3/", "https://134744072/"})
    void never_hands_an_address_literal_to_the_resolver(String uri) {
        assertThatThrownBy(() -> policy.checkUri(uri)).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> policy.resolve(hostOf(uri))).isInstanceOf(EgressRefusedException.class);

        assertThat(resolver.lookups).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://2130706433/|webhookUri host 2130706433 is an ambiguous spelling of 127.0.0.1, a loopback address; write IPv4 addresses as four decimal numbers",
            "https://0177.0.0.1/|webhookUri host 0177.0.0.1 is an ambiguous spelling of 127.0.0.1, a loopback address",
            "https://0x7f.0.0.1/|webhookUri host 0x7f.0.0.1 is an ambiguous spelling of 127.0.0.1, a loopback address",
            "https://127.1/|webhookUri host 127.1 is an ambiguous spelling of 127.0.0.1, a loopback address",
            "https://134744072/|webhookUri host 134744072 is an ambiguous spelling of 8.8.8.8; write",
            "https://127.0.0.1/|webhookUri host 127.0.0.1 is a loopback address",
            "https://169.254.169.254/|webhookUri host 169.254.169.254 is a link-local address (cloud metadata",
            "https://[::ffff:127.0.0.1]/|webhookUri host [::ffff:127.0.0.1] is a loopback address",
            "https://[::127.0.0.1]/|webhookUri host [::127.0.0.1] is an IPv4-compatible address of 127.0.0.1, which is a loopback address",
            "https://[2002:7f00:1::]/|webhookUri host [2002:7f00:1::] is a 6to4 address of 127.0.0.1, which is a loopback address",
            "https://[64:ff9b::a9fe:a9fe]/|webhookUri host [64:ff9b::a9fe:a9fe] is a NAT64 address of 169.254.169.254, which is a link-local address",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/|webhookUri host [2001:0:4136:e378:8000:63bf:3fff:fdd2] is a Teredo tunnel address",
            "https://[fd00::1]/|webhookUri host [fd00::1] is a private (unique-local) address",
            "https://100.64.0.1/|webhookUri host 100.64.0.1 is a carrier-grade NAT (shared) address",
            "https://evil.example/|webhookUri host evil.example resolves to 10.0.0.5, a private address",
            "https://mixed.example/|webhookUri host mixed.example resolves to 10.0.0.5, a private address",
            "https://mapped-loopback.example/|webhookUri host mapped-loopback.example resolves to 0:0:0:0:0:ffff:7f00:1, a loopback address"})
    void says_what_the_refused_host_is(String uri, String message) {
        assertThatThrownBy(() -> policy.checkUri(uri)).hasMessageStartingWith(message);
    }

    @Test
    void accepts_a_name_that_does_not_resolve_at_save_and_reports_it_as_unknown_at_send() throws Exception {
        policy.checkUri("https://nowhere.example/hooks");
        assertThatThrownBy(() -> policy.resolve("nowhere.example"))
                .isExactlyInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://public.example/hooks", "https://public.example:8443/hooks?a=1",
            "HTTPS://Public.Example/hooks", "https://public.example/hooks#fragments-are-never-sent",
            "https://8.8.8.8/", "https://[::ffff:8.8.8.8]/", "https://[2002:808:808::]/",
            "https://[64:ff9b::808:808]/", "https://[2606:4700:4700::1111]/"})
    void allows_public_destinations(String uri) {
        assertThatCode(() -> policy.checkUri(uri)).doesNotThrowAnyException();
    }

    @Test
    void resolves_a_public_name_once_to_its_checked_addresses() throws Exception {
        assertThat(policy.resolve("public.example")).containsExactly(address("93.184.216.34"));
        assertThat(resolver.lookups).containsExactly("public.example");
    }

    @Test
    void resolves_literals_to_themselves_without_a_lookup() throws Exception {
        assertThat(policy.resolve("8.8.8.8")).containsExactly(address("8.8.8.8"));
        assertThat(policy.resolve("[2606:4700:4700::1111]")).containsExactly(address("2606:4700:4700::1111"));
        assertThat(policy.resolve("2606:4700:4700::1111")).containsExactly(address("2606:4700:4700::1111"));
        assertThat(policy.resolve("[::ffff:8.8.8.8]")).containsExactly(address("8.8.8.8"));
        assertThat(resolver.lookups).isEmpty();
    }

    @Test
    void allowed_cidrs_exempt_their_addresses_and_no_others() throws Exception {
        EgressPolicy local = policy(false, "127.0.0.1/32");

        assertThatCode(() -> local.checkUri("https://127.0.0.1/")).doesNotThrowAnyException();
        assertThatCode(() -> local.checkUri("https://loopback.example/")).doesNotThrowAnyException();
        assertThat(local.resolve("127.0.0.1")).containsExactly(address("127.0.0.1"));
        assertThatThrownBy(() -> local.checkUri("https://127.0.0.2/")).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> local.checkUri("https://[::1]/")).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> local.checkUri("https://10.0.0.5/")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void an_allowed_ipv4_block_covers_its_mapped_spelling_but_not_other_embeddings() {
        EgressPolicy local = policy(false, "127.0.0.1/32");

        assertThatCode(() -> local.checkUri("https://[::ffff:127.0.0.1]/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> local.checkUri("https://[::127.0.0.1]/")).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> local.checkUri("https://[64:ff9b::7f00:1]/")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void allowed_cidrs_may_be_ipv6() {
        EgressPolicy local = policy(false, "fd00::/8");

        assertThatCode(() -> local.checkUri("https://[fd00::1]/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> local.checkUri("https://[fe80::1]/")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void refuses_http_unless_allowed_for_development() {
        assertThatThrownBy(() -> policy.checkUri("http://public.example/hooks"))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessage("webhookUri must use https (http:// only with HOOKLINE_EGRESS_ALLOWHTTP=true, for development)");
        assertThatCode(() -> policy(true).checkUri("http://public.example/hooks")).doesNotThrowAnyException();
    }

    @Test
    void allowing_http_still_checks_the_host() {
        assertThatThrownBy(() -> policy(true).checkUri("http://127.0.0.1/hooks"))
                .hasMessage("webhookUri host 127.0.0.1 is a loopback address; to allow it (e.g. a local receiver in "
                        + "development), list its address in HOOKLINE_EGRESS_ALLOWEDCIDRS (hookline.egress.allowed-cidrs)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://public.example/|webhookUri must use https",
            "file:///etc/passwd|webhookUri must use https",
            "javascript:alert(1)|webhookUri must use https",
            "/hooks|webhookUri must be an absolute URI",
            "public.example/hooks|webhookUri must be an absolute URI",
            "//public.example/hooks|webhookUri must be an absolute URI",
            "https:///hooks|webhookUri must name a host",
            "https:hooks|webhookUri must name a host",
            "https://user:secret@public.example/|webhookUri must not contain user info",
            "https://user@public.example/|webhookUri must not contain user info",
            "https://@public.example/|webhookUri must not contain user info",
            "https://public.example:99999/|webhookUri port 99999 is not a port number",
            "https://public.example:http/|webhookUri port http is not a port number",
            "https://bad_host.example/|webhookUri host bad_host.example is not a valid host name",
            "https://exämple.com/|webhookUri host exämple.com is not a valid host name",
            "https://[fe80::1%25eth0]/|webhookUri host [fe80::1%25eth0] is not a valid IPv6 address",
            "https://1.2.3.4.5/|webhookUri host 1.2.3.4.5 is neither a host name nor an IPv4 address",
            "https://256.1.1.1/|webhookUri host 256.1.1.1 is neither a host name nor an IPv4 address",
            "https://exa mple.com/|webhookUri is not a valid URI"})
    void refuses_uris_that_are_not_plain_https_to_a_host(String uri, String message) {
        assertThatThrownBy(() -> policy(false).checkUri(uri))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void allowing_http_names_both_schemes_when_refusing_others() {
        assertThatThrownBy(() -> policy(true).checkUri("ftp://public.example/"))
                .hasMessage("webhookUri must use https or http");
    }

    @Test
    void looks_up_international_names_in_punycode_as_httpclient_hands_them_over_decoded() {
        assertThatThrownBy(() -> policy.resolve("Bücher.example")).isExactlyInstanceOf(UnknownHostException.class);
        assertThat(resolver.lookups).containsExactly("xn--bcher-kva.example");
    }

    @Test
    void refuses_malformed_names_at_send_time_before_any_lookup() {
        assertThatThrownBy(() -> policy.resolve("bad host")).isInstanceOf(EgressRefusedException.class)
                .hasMessage("webhookUri host bad host is not a valid host name");
        assertThatThrownBy(() -> policy.resolve("")).isInstanceOf(EgressRefusedException.class);
        assertThat(resolver.lookups).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost./", "https://LOCALHOST./", "https://LocalHost/", "https://ip6-localhost/",
            "https://ip6-loopback/", "https://shop.localhost/", "https://a.b.localhost./", "https://localhost.localdomain/",
            "https://metadata.google.internal/computeMetadata/v1/", "https://METADATA.GOOGLE.INTERNAL./",
            "https://metadata/", "https://printer.local/", "https://router.home.arpa/"})
    void refuses_local_names_in_every_spelling_whatever_dns_answers(String uri) {
        assertThatThrownBy(() -> policy.checkUri(uri))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessageMatching("webhookUri host \\S+ (is a local name|resolves to \\S+, a loopback address).*")
                .hasMessageContaining("HOOKLINE_EGRESS_ALLOWEDCIDRS");
        assertThatThrownBy(() -> new CheckedDnsResolver(policy).resolve(hostOf(uri)))
                .isInstanceOf(EgressBlockedIOException.class)
                .hasMessageMatching("webhookUri host \\S+ (is a local name|resolves to \\S+, a loopback address).*");
    }

    @Test
    void a_local_name_is_allowed_only_when_every_address_it_has_is_listed() {
        EgressPolicy local = policy(true, "127.0.0.1/32", "::1/128");
        assertThatCode(() -> local.checkUri("http://localhost:8080/hooks")).doesNotThrowAnyException();
        assertThatThrownBy(() -> local.checkUri("http://shop.localhost/hooks")).hasMessageContaining("is a local name");
        assertThatThrownBy(() -> local.checkUri("http://metadata.google.internal/")).hasMessageContaining("is a local name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com:0/", "https://public.example:00/", "https://[2606:4700:4700::1111]:0/"})
    void refuses_port_zero(String uri) {
        assertThatThrownBy(() -> policy.checkUri(uri)).hasMessage("webhookUri port 0 is not a port a receiver can listen on: use 1 to 65535");
    }
}

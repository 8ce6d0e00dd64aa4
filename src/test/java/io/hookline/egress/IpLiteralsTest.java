package io.hookline.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
            "2130706433, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.0.0.1, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "0X7F.1, 127.0.0.1",
            "127.1, 127.0.0.1",
            "10.258, 10.0.1.2",
            "192.168.0x1.1, 192.168.1.1",
            "0, 0.0.0.0",
            "037777777777, 255.255.255.255",
            "127.0.0.1, 127.0.0.1"})
    void reads_numeric_hosts_as_inet_aton_does(String host, String meaning) {
        assertThat(IpLiterals.inetAton(host)).isPresent();
        assertThat(IpLiterals.ipv4(IpLiterals.inetAton(host).getAsLong()).getHostAddress()).isEqualTo(meaning);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3.4.5", "256.0.0.1", "1.2.65536", "4294967296", "08.0.0.1", "0x", "0xg",
            "+1", "-1", "1..1", "1.2.3.", "١٢٧.0.0.1"})
    void inet_aton_refuses_what_it_cannot_read(String host) {
        assertThat(IpLiterals.inetAton(host)).isEmpty();
    }

    @Test
    void canonical_ipv4_is_four_decimal_numbers_without_leading_zeros() {
        assertThat(IpLiterals.canonicalIpv4("93.184.216.34")).containsExactly(93, 184, 216, 34);
        assertThat(IpLiterals.canonicalIpv4("0.0.0.0")).containsExactly(0, 0, 0, 0);
        assertThat(IpLiterals.canonicalIpv4("127.000.0.1")).isNull();
        assertThat(IpLiterals.canonicalIpv4("127.0.1")).isNull();
        assertThat(IpLiterals.canonicalIpv4("256.0.0.1")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "127.1", "0x7f.0.0.1", "1.2.3.4.", "example.0x", "a.b.1"})
    void hosts_whose_last_label_is_a_number_are_addresses_not_names(String host) {
        assertThat(IpLiterals.endsInNumber(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3.com", "0xfoo.com", "123.example", "x1"})
    void hosts_ending_in_a_word_are_names(String host) {
        assertThat(IpLiterals.endsInNumber(host)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "fe80::1, fe80::1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::ffff:7f00:1, 127.0.0.1",
            "::127.0.0.1, ::7f00:1",
            "64:ff9b::169.254.169.254, 64:ff9b::a9fe:a9fe",
            "2002:7F00:1::, 2002:7f00:1::"})
    void reads_ipv6_literals(String text, String same) throws Exception {
        assertThat(IpLiterals.address(IpLiterals.ipv6(text))).isEqualTo(InetAddress.getByName(same));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", ":1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "1.2.3.4::", "::1.2.3", "::0177.0.0.1", "::1%eth0", "fe80::1%25eth0", "g::1", "::1:"})
    void refuses_what_is_not_an_ipv6_literal(String text) {
        assertThat(IpLiterals.ipv6(text)).isNull();
    }
}

package io.hookline.egress;

import static io.hookline.egress.StubHostResolver.address;
import static io.hookline.egress.StubHostResolver.mappedIpv6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void ipv4_block_contains_its_first_and_last_address_and_nothing_beyond() {
        Cidr cidr = Cidr.parse("172.16.0.0/12");

        assertThat(cidr.contains(address("172.16.0.0"))).isTrue();
        assertThat(cidr.contains(address("172.31.255.255"))).isTrue();
        assertThat(cidr.contains(address("172.32.0.0"))).isFalse();
        assertThat(cidr.contains(address("172.15.255.255"))).isFalse();
    }

    @Test
    void ipv6_block_contains_addresses_under_its_prefix() {
        Cidr cidr = Cidr.parse("fc00::/7");

        assertThat(cidr.contains(address("fd12:3456::1"))).isTrue();
        assertThat(cidr.contains(address("fe00::1"))).isFalse();
    }

    @Test
    void prefix_that_is_not_a_multiple_of_eight_splits_a_byte() {
        Cidr cidr = Cidr.parse("100.64.0.0/10");

        assertThat(cidr.contains(address("100.127.255.255"))).isTrue();
        assertThat(cidr.contains(address("100.128.0.0"))).isFalse();
    }

    @Test
    void bare_address_is_a_block_of_one() {
        assertThat(Cidr.parse("127.0.0.1")).isEqualTo(Cidr.parse("127.0.0.1/32"));
        assertThat(Cidr.parse("::1")).isEqualTo(Cidr.parse("::1/128"));
        assertThat(Cidr.parse("127.0.0.1").contains(address("127.0.0.2"))).isFalse();
    }

    @Test
    void zero_prefix_contains_every_address_of_its_family_only() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(address("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(address("2606:4700::1111"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(address("8.8.8.8"))).isFalse();
    }

    @Test
    void ipv4_mapped_addresses_and_blocks_match_as_the_ipv4_they_name() {
        assertThat(Cidr.parse("127.0.0.0/8").contains(mappedIpv6(127, 0, 0, 1))).isTrue();
        assertThat(Cidr.parse("::ffff:127.0.0.0/104")).isEqualTo(Cidr.parse("127.0.0.0/8"));
        assertThat(Cidr.parse("::ffff:7f00:0/104").contains(address("127.1.2.3"))).isTrue();
    }

    @Test
    void prints_canonically() {
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("FC00:0::/7")).hasToString("fc00:0:0:0:0:0:0:0/7");
    }

    @Test
    void refuses_bits_past_the_prefix_and_suggests_the_block_meant() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.1/8'")
                .hasMessageContaining("did you mean 10.0.0.0/8?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonsense", "10.0.0/8", "010.0.0.0/8", "0x0a.0.0.0/8", "10.0.0.0/", "10.0.0.0/33",
            "10.0.0.0/-1", "10.0.0.0/8/8", "::/129", "fe80::1%eth0/64", "1::2::3/64", "example.com/32"})
    void refuses_what_is_not_a_strictly_spelled_block(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}

package io.hookline.image;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container image's configuration: a base made without a registry (image/build), a non-root user, the data directory as a
 * volume where Hookline keeps its data, the HTTP port exposed. Read from the Jib block of pom.xml,
 * and from the built image when {@code jib:buildTar} has made target/jib-image.tar.
 */
class ContainerImageTest {

    private static final Path POM = Path.of("pom.xml");
    private static final Path IMAGE = Path.of("target/jib-image.tar");

    @Test
    void the_jib_configuration_runs_as_a_non_root_user_with_the_data_volume_and_the_port_on_a_jdk_21_or_newer() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String jib = "/project/build/plugins/plugin[artifactId='jib-maven-plugin']/configuration";

        assertThat(xpath.evaluate(jib + "/from/image", pom)).as("the base image/build makes, from no registry")
                .startsWith("tar://").endsWith("/base.tar");
        assertThat(Files.readString(Path.of("image/build"))).contains("jlink", "debootstrap");

        String user = xpath.evaluate(jib + "/container/user", pom);
        assertThat(user).matches("\\d+:\\d+");
        assertThat(user.split(":")[0]).isNotEqualTo("0");

        assertThat(texts(xpath, pom, jib + "/container/volumes/volume")).containsExactly("/data");
        assertThat(xpath.evaluate(jib + "/container/environment/HOOKLINE_DATA_DIR", pom)).isEqualTo("/data");
        assertThat(Files.readString(Path.of("image/build"))).as("the base's data directory belongs to the user")
                .contains("chown 1000:1000 \"$rootfs/data\"");
        assertThat(Path.of("src/main/jib/data")).as("no layer over the base replaces /data and its owner").doesNotExist();
        assertThat(xpath.evaluate(jib + "/extraDirectories", pom)).isBlank();

        assertThat(texts(xpath, pom, jib + "/container/ports/port")).containsExactly(defaultPort());
        assertThat(xpath.evaluate(jib + "/outputPaths/tar", pom)).endsWith("/jib-image.tar");
    }

    @Test
    void a_built_image_has_that_configuration_in_its_config() throws Exception {
        assumeTrue(Files.exists(IMAGE), "no target/jib-image.tar: run ./mvnw -DskipTests package jib:buildTar");
        JsonNode config = JsonMapper.builder().build().readTree(entry("config.json")).path("config");
        assertThat(config.path("User").asString()).isEqualTo("1000:1000");
        assertThat(config.path("ExposedPorts").has(defaultPort() + "/tcp")).isTrue();
        assertThat(config.path("Volumes").has("/data")).isTrue();
        assertThat(config.path("Env").toString()).contains("HOOKLINE_DATA_DIR=/data");
        assertThat(config.path("Entrypoint").get(0).asString()).isEqualTo("java");
    }

    private static String entry(String name) throws Exception {
        // The image is a plain (uncompressed) tar: walk its 512-byte headers to the entry.
        try (InputStream in = Files.newInputStream(IMAGE)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entryName = new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                byte[] content = in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
                in.skipNBytes((512 - size % 512) % 512);
                if (entryName.equals(name)) {
                    return new String(content, StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " not in " + IMAGE);
    }

    /** The port Hookline listens on unless PORT says otherwise, from application.yml. */
    private static String defaultPort() throws Exception {
        Matcher port = Pattern.compile("port: \\$\\{PORT:(\\d+)}")
                .matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat(port.find()).isTrue();
        return port.group(1);
    }

    private static List<String> texts(XPath xpath, Document pom, String expression) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expression, pom, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }
}

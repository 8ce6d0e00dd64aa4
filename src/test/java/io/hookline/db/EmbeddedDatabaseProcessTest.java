package io.hookline.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.hookline.testing.GraphQl;
import io.hookline.testing.HooklineProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-command start: Hookline in its own process on its embedded PostgreSQL, as a newcomer runs
 * it. Data survives a clean stop and a SIGKILL; the first API key lands in an owner-only file.
 */
class EmbeddedDatabaseProcessTest {

    @TempDir
    Path dataDir;

    private List<String> arguments() {
        return List.of("--hookline.data-dir=" + dataDir, "--hookline.egress.allow-http=false");
    }

    @Test
    void first_start_writes_the_admin_key_to_an_owner_only_file_and_logs_only_where_it_is() throws Exception {
        try (HooklineProcess hookline = HooklineProcess.start(arguments())) {
            Path keyFile = dataDir.resolve("bootstrap-api-key");
            assertThat(keyFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("encryption-key"))))
                    .isEqualTo("rw-------");
            String key = Files.readString(keyFile).trim();
            assertThat(key).startsWith("hk_");
            assertThat(hookline.output()).contains(keyFile.toString()).doesNotContain(key);

            GraphQl api = new GraphQl(hookline.port(), key);
            assertThat(api.execute("{ me { role } }").ok().string("$.data.me.role")).isEqualTo("ADMIN");
            assertThat(hookline.terminate()).isIn(0, 143);
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("SIGTERM stops PostgreSQL cleanly").doesNotExist();
    }

    @Test
    void data_survives_a_clean_restart_and_a_sigkill() throws Exception {
        String key;
        try (HooklineProcess first = HooklineProcess.start(arguments())) {
            key = Files.readString(dataDir.resolve("bootstrap-api-key")).trim();
            new GraphQl(first.port(), key).execute("""
                    mutation { createWebhookReceiver(input: {name: "kept", webhookUri: "https://example.com/h"}) {
                      webhookReceiver { id } } }
                    """).ok();
            first.terminate();
        }
        try (HooklineProcess second = HooklineProcess.start(arguments())) {
            GraphQl api = new GraphQl(second.port(), key);
            assertThat(api.execute("{ webhookReceivers { edges { node { name } } } }").ok()
                    .<List<String>>path("$.data.webhookReceivers.edges[*].node.name")).containsExactly("kept");
            api.execute("""
                    mutation { createWebhookReceiver(input: {name: "committed before the kill", webhookUri: "https://example.com/k"}) {
                      webhookReceiver { id } } }
                    """).ok();
            second.kill();
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("the orphaned postmaster still holds the directory").exists();
        try (HooklineProcess third = HooklineProcess.start(arguments())) {
            GraphQl api = new GraphQl(third.port(), key);
            assertThat(api.execute("{ webhookReceivers { edges { node { name } } } }").ok()
                    .<List<String>>path("$.data.webhookReceivers.edges[*].node.name"))
                    .containsExactly("kept", "committed before the kill");
            assertThat(Files.readString(dataDir.resolve("bootstrap-api-key")).trim()).as("no second bootstrap").isEqualTo(key);
        }
    }

    @Test
    void a_bootstrap_key_from_the_environment_is_used_and_no_file_is_written() throws Exception {
        String key = "hk_given_by_the_operator_0123456789";
        try (HooklineProcess hookline = HooklineProcess.start(List.of("--hookline.data-dir=" + dataDir,
                "--hookline.bootstrap-api-key=" + key))) {
            assertThat(new GraphQl(hookline.port(), key).execute("{ me { id } }").ok().<Object>path("$.data.me.id")).isNotNull();
            assertThat(dataDir.resolve("bootstrap-api-key")).doesNotExist();
            assertThat(hookline.output()).doesNotContain(key);
        }
    }

    @Test
    void health_is_up_only_with_the_key_and_demo_data_in_place_and_a_normal_start_and_stop_look_healthy() throws Exception {
        String output;
        try (HooklineProcess hookline = HooklineProcess.start(List.of("--hookline.data-dir=" + dataDir,
                "--hookline.demo-data=true"))) {
            // The first moment health says UP: the key file and the demo plant must already be there.
            Path keyFile = dataDir.resolve("bootstrap-api-key").toAbsolutePath();
            assertThat(keyFile).exists();
            GraphQl api = new GraphQl(hookline.port(), Files.readString(keyFile).trim());
            assertThat(api.execute("{ runs { pageInfo { totalCount } } }").ok()
                    .<Integer>path("$.data.runs.pageInfo.totalCount")).isPositive();
            String ready = "Hookline is ready: console http://localhost:" + hookline.port() + "/console/, GraphiQL http://localhost:"
                    + hookline.port() + "/graphiql, API key in " + keyFile;
            assertThat(hookline.output()).contains(ready);
            hookline.terminate();
            output = hookline.output();
        }
        assertThat(output).doesNotContain("Did not clean up directory").doesNotContain("+-")
                .doesNotContain("WARN").doesNotContain("ERROR");
        assertThat(output.lines().filter(line -> line.contains("Hookline is ready"))).hasSize(1);
        assertThat(output.lines().reduce((a, b) -> b).orElse("")).doesNotContain("Exception");
    }
}

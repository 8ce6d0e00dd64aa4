package io.hookline.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification code printed in docs/receiving.md, taken from the page as it is, run in Java,
 * Node and Python against a real delivery: it accepts the request as sent and refuses it once a
 * byte of the body is changed.
 */
class VerificationSnippetsTest extends IntegrationTest {

    private static final Path PAGE = Path.of("docs/receiving.md");
    private static final List<String> HEADERS = List.of("webhook-id", "webhook-timestamp", "webhook-signature", "x-ion-signature");

    @TempDir
    Path work;

    @Test
    void the_java_node_and_python_snippets_verify_a_real_delivery_and_refuse_a_changed_body() throws Exception {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            Webhooks.Receiver hook = webhooks.receiver(receiver.url("/hooks"));
            webhooks.subscribe(hook.id(), "RUNS", "CREATE");
            webhooks.insertRun("Prüfung ✓ & co");
            ReceivedRequest delivered = receiver.awaitRequests(1, Duration.ofSeconds(20)).getFirst();
            byte[] changed = delivered.bodyText().replace("Prüfung", "Prufung").getBytes(StandardCharsets.UTF_8);

            for (List<String> command : List.of(java(), node(), python())) {
                assertThat(run(command, hook.sharedSecret(), delivered, delivered.body()))
                        .as(command.getFirst() + " on the delivered request").isEqualTo("valid");
                assertThat(run(command, hook.sharedSecret(), delivered, changed))
                        .as(command.getFirst() + " on a changed body").isEqualTo("invalid");
            }
        }
    }

    private List<String> java() throws Exception {
        String snippet = snippet("java");
        int afterImports = snippet.lastIndexOf("\nimport ");
        afterImports = snippet.indexOf('\n', afterImports + 1) + 1;
        // The source launcher runs the first class in the file: the harness goes right after the imports.
        String source = snippet.substring(0, afterImports) + """

                public class VerifyHarness {
                    public static void main(String[] args) throws Exception {
                        Map<String, String> headers = new java.util.HashMap<>();
                        for (String name : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature", "x-ion-signature"}) {
                            String value = System.getenv(name.toUpperCase().replace('-', '_'));
                            if (value != null) {
                                headers.put(name, value);
                            }
                        }
                        boolean valid = HooklineWebhooks.verify(System.getenv("HOOKLINE_SECRET"), headers, System.in.readAllBytes());
                        System.out.println(valid ? "valid" : "invalid");
                    }
                }
                """ + snippet.substring(afterImports);
        Path file = Files.writeString(work.resolve("VerifyHarness.java"), source);
        return List.of(ProcessHandle.current().info().command().orElse("java"), file.toString());
    }

    private List<String> node() throws Exception {
        Path file = Files.writeString(work.resolve("verify.js"), snippet("js") + """

                const headers = {};
                for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-ion-signature']) {
                  const value = process.env[name.toUpperCase().replace(/-/g, '_')];
                  if (value !== undefined) headers[name] = value;
                }
                const body = require('node:fs').readFileSync(0);
                console.log(verifyHookline(process.env.HOOKLINE_SECRET, headers, body) ? 'valid' : 'invalid');
                """);
        return List.of("node", file.toString());
    }

    private List<String> python() throws Exception {
        Path file = Files.writeString(work.resolve("verify.py"), snippet("python") + """

                if __name__ == "__main__":
                    import os
                    import sys
                    names = ["webhook-id", "webhook-timestamp", "webhook-signature", "x-ion-signature"]
                    headers = {n: os.environ[n.upper().replace("-", "_")] for n in names if n.upper().replace("-", "_") in os.environ}
                    print("valid" if verify_hookline(os.environ["HOOKLINE_SECRET"], headers, sys.stdin.buffer.read()) else "invalid")
                """);
        return List.of("python3", file.toString());
    }

    private static String run(List<String> command, String secret, ReceivedRequest request, byte[] body) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOOKLINE_SECRET", secret);
        for (String name : HEADERS) {
            builder.environment().put(name.toUpperCase().replace('-', '_'), request.header(name));
        }
        Process process = builder.start();
        process.getOutputStream().write(body);
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** The first fenced block of this language on the page. */
    private static String snippet(String language) throws Exception {
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        assertThat(block.find()).as("a ```%s block in %s", language, PAGE).isTrue();
        return block.group(1);
    }

}

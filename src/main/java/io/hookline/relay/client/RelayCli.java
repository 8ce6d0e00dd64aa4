package io.hookline.relay.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code relay} and {@code listen} commands of Hookline's jar (docs/relay.md). They run in plain
 * Java, before and instead of the server: no database, no web server, no Spring.
 */
public final class RelayCli {

    private static final String RELAY_USAGE = """
            Usage: java -jar hookline.jar relay --server URL --token rly_… --forward-to URL [options]

            Pulls a relay receiver's webhooks from Hookline over an outgoing connection and forwards each,
            unchanged (same headers, same signatures, same body), to a local URL; reports every answer back.
            Needs no inbound connection and no database. Stops cleanly on SIGTERM or Ctrl-C.

              --server URL        Hookline's address, e.g. https://hookline.example (http:// only for local use)
              --token rly_…       the receiver's relay token (createWebhookReceiver with relay: true)
              --forward-to URL    where to POST each webhook, e.g. http://qa.local:8080/hooks
              --concurrency N     forwards in flight at once, 1 to 64 (default 8)
              --timeout SECONDS   how long the local receiver may take to answer, 1 to 600 (default 15)
              --help              this text
            """;

    private static final String LISTEN_USAGE = """
            Usage: java -jar hookline.jar listen --server URL --api-key KEY --resource RUNS --action CREATE \\
                   --forward-to URL [options]

            For development: creates a temporary relay receiver subscribed to the given resource and action,
            prints its signing secret, forwards its webhooks to a local URL until stopped (Ctrl-C or SIGTERM),
            then deletes the receiver. Needs no public URL and no change to Hookline's egress settings.

              --server URL        Hookline's address, e.g. http://localhost:8080
              --api-key KEY       an ADMIN's API key (hk_…)
              --resource NAMES    one or more resources, comma-separated: RUNS, PURCHASE_ORDERS, …
              --action NAMES      one or more of CREATE, UPDATE, DELETE, comma-separated
              --forward-to URL    where to POST each webhook, e.g. http://localhost:3000/hooks
              --concurrency N     forwards in flight at once, 1 to 64 (default 8)
              --timeout SECONDS   how long the local receiver may take to answer, 1 to 600 (default 15)
              --help              this text
            """;

    private static final Set<String> RELAY_OPTIONS = Set.of("server", "token", "forward-to", "concurrency", "timeout");
    private static final Set<String> LISTEN_OPTIONS = Set.of("server", "api-key", "resource", "action", "forward-to",
            "concurrency", "timeout");

    private RelayCli() {
    }

    /** Whether the command line asks for a client command rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("relay") || args[0].equals("listen"));
    }

    /** Runs the command; returns the process's exit status. */
    public static int run(String[] args) {
        boolean relay = args[0].equals("relay");
        String usage = relay ? RELAY_USAGE : LISTEN_USAGE;
        String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
        try {
            Options options = Options.parse(rest, relay ? RELAY_OPTIONS : LISTEN_OPTIONS);
            if (options.help()) {
                System.out.print(usage);
                return 0;
            }
            return relay ? relay(options) : listen(options);
        } catch (Options.UsageException e) {
            System.err.println("hookline " + args[0] + ": " + e.getMessage() + "\n");
            System.err.print(usage);
            return 2;
        }
    }

    private static int relay(Options options) {
        URI server = server(options);
        String token = options.required("token");
        RelayClient client = client(options, server, token);
        runUntilStopped(client, () -> { });
        return 0;
    }

    private static int listen(Options options) {
        URI server = server(options);
        String apiKey = options.required("api-key");
        List<String> resources = names(options.required("resource"));
        List<String> actions = names(options.required("action"));
        URI forwardTo = options.url("forward-to");
        HooklineApi api = new HooklineApi(server, apiKey);
        HooklineApi.RelayReceiver receiver;
        try {
            receiver = api.createRelayReceiver("listen on " + hostName() + " → " + forwardTo);
        } catch (IOException | InterruptedException e) {
            System.err.println("hookline listen: cannot create the temporary receiver: " + e.getMessage());
            return 1;
        }
        try {
            for (String resource : resources) {
                for (String action : actions) {
                    api.subscribe(receiver.id(), resource, action);
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("hookline listen: cannot subscribe: " + e.getMessage());
            deleteQuietly(api, receiver.id());
            return 1;
        }
        Log.line("Listening: temporary relay receiver " + receiver.id() + " gets " + String.join(", ", resources)
                + " " + String.join(", ", actions) + " and forwards them to " + forwardTo);
        Log.line("Signing secret (verify webhook-signature with it): " + receiver.sharedSecret());
        RelayClient client = client(options, server, receiver.relayToken());
        runUntilStopped(client, () -> deleteQuietly(api, receiver.id()));
        return 0;
    }

    /**
     * Runs the client; on SIGTERM or Ctrl-C the shutdown hook stops it and holds the exit until the
     * forwards in flight are reported and {@code afterwards} has run.
     */
    private static void runUntilStopped(RelayClient client, Runnable afterwards) {
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.line("Stopping: finishing the forwards in flight");
            client.stop();
            try {
                finished.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hookline-relay-stop"));
        try {
            client.run();
            afterwards.run();
        } finally {
            finished.countDown();
        }
    }

    private static RelayClient client(Options options, URI server, String token) {
        URI forwardTo = options.url("forward-to");
        int concurrency = options.number("concurrency", 8, 1, 64);
        int timeout = options.number("timeout", 15, 1, 600);
        return new RelayClient(server, token, forwardTo, concurrency, Duration.ofSeconds(timeout));
    }

    private static URI server(Options options) {
        URI server = options.url("server");
        if (server.getScheme().equals("http")) {
            Log.line("WARNING: --server is plain http://: the token and every webhook cross the network unencrypted. "
                    + "Use it only on your own machine; use https:// anywhere else.");
        }
        return server;
    }

    private static List<String> names(String list) {
        return List.of(list.split(",")).stream().map(s -> s.trim().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static void deleteQuietly(HooklineApi api, long receiverId) {
        try {
            api.deleteReceiver(receiverId);
            Log.line("Deleted the temporary relay receiver " + receiverId);
        } catch (IOException | InterruptedException e) {
            Log.line("Could not delete the temporary relay receiver " + receiverId + " (" + e.getMessage()
                    + "); delete it with deleteWebhookReceiver");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }
}

package io.hookline.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery engine's side of the relay (docs/relay.md), and the only place the relay touches it:
 * claims a relay receiver's due events with a lease and a claim token, builds each request exactly
 * as a direct send would (same headers, same signatures, same body), and records a relay client's
 * answer through the engine's recorder, so retries, health and auto-disable work as for any try.
 */
@Component
public class RelayHandoff {

    private final JdbcClient jdbc;
    private final DeliveryTargets targets;
    private final DeliveryRecorder recorder;
    private final RelayRequests requests;
    private final RelayClaims claims;
    private final TransactionTemplate transaction;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final String userAgent;

    RelayHandoff(JdbcClient jdbc, RelayStore store, DeliveryRecorder recorder, TransactionTemplate transaction,
                 DeliveryMetrics metrics, DeliveryContext context) {
        this.jdbc = jdbc;
        this.targets = store.targets();
        this.recorder = recorder;
        this.requests = store.requests();
        this.claims = store.claims();
        this.transaction = transaction;
        this.metrics = metrics;
        this.properties = context.properties();
        this.clock = context.clock();
        this.userAgent = context.userAgent();
    }

    /** What the handoff reads and claims in the database for a relay receiver. */
    @Component
    record RelayStore(DeliveryTargets targets, RelayClaims claims, RelayRequests requests) {
    }

    /** What the handoff needs besides its collaborators, grouped to keep the constructor short. */
    @Component
    record DeliveryContext(DeliveryProperties properties, Clock clock, String userAgent) {

        @Autowired
        DeliveryContext(DeliveryProperties properties, Clock clock, ObjectProvider<BuildProperties> build) {
            this(properties, clock, "Hookline/" + (build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion()));
        }
    }

    /** One event handed to a relay client: the request to forward, and the claim that lets it answer. */
    public record Handed(long eventId, UUID claim, List<DeliveryRequest.Header> headers, String body) {
    }

    /**
     * What the local receiver did, as the relay client saw it: a {@code status} (with the response's
     * headers and body) or, when no response came, an {@code errorKind} and {@code error}.
     */
    public record LocalAnswer(long eventId, UUID claim, Integer status, String responseHeaders, String responseBody,
                              String retryAfter, DeliveryOutcome.ErrorKind errorKind, String error, Duration duration) {
    }

    /**
     * Claims up to {@code limit} due events of one relay receiver, each leased for {@code lease}, within
     * the receiver's delivery controls (docs/delivery-controls.md): no more handed out and unanswered
     * than its {@code maxConcurrency}, across every relay client and process, and no more than its
     * {@code maxRequestsPerSecond} (tokens from the same bucket direct sends use).
     */
    public List<Handed> claim(long receiverId, int limit, Duration lease) throws InterruptedException {
        Instant now = clock.instant();
        DeliveryTargets.Target target = targets.load(Set.of(receiverId), now).get(receiverId);
        if (target == null) {
            return List.of();
        }
        Double rate = target.limits().maxRequestsPerSecond();
        int room = rate == null ? limit : claims.tokens(receiverId, rate, limit);
        if (room == 0) {
            return List.of();
        }
        // One transaction: the headers handed out are remembered before the next claim counts them.
        return transaction.execute(tx -> {
            List<Handed> handed = claims.claim(receiverId, room, now, lease).stream()
                    .sorted(Comparator.comparingLong(ClaimedEvent::id)).map(event -> hand(event, target, now)).toList();
            requests.remember(handed.stream().map(h -> new RelayRequests.Handed(h.eventId(), h.claim(),
                    RequestCapture.headers(h.headers(), target.headers()))).toList());
            return handed;
        });
    }

    private Handed hand(ClaimedEvent event, DeliveryTargets.Target target, Instant signedAt) {
        // The URI is never dialled: the request is built only for its headers and body.
        var forRelay = new DeliveryTargets.Target(target.receiverId(), "https://relay.invalid/", target.secrets(),
                target.contentType(), target.expectedResponseCode(), target.headers(), target.limits());
        HttpPost post = WebhookRequests.post(forRelay.requestFor(event), signedAt, userAgent);
        try {
            String body = new String(post.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            return new Handed(event.id(), event.claimToken(), List.copyOf(WebhookRequests.headers(post)), body);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory body cannot fail to read", e);
        }
    }

    /**
     * Records relay clients' answers as their events' next attempts, in one transaction. Returns the
     * ids recorded; an answer left out recorded nothing, because its claim is not held: a wrong claim,
     * a lease that ran out and went to another client, an event already answered or not this receiver's.
     */
    public Set<Long> record(long receiverId, List<LocalAnswer> answers) {
        Instant now = clock.instant();
        Map<Long, LocalAnswer> byId = new HashMap<>();
        answers.forEach(a -> byId.put(a.eventId(), a));
        List<Held> held = jdbc.sql("""
                        select e.id, e.organization_id, e.receiver_id, e.body, e.attempt_count, e.next_trigger,
                               e.occurred_at, e.test, e.claim_token, r.expected_response_code,
                               -- Answers are recorded here, never sent: their order key plays no part.
                               null as row_key
                        from webhook_events e join webhook_receivers r on r.id = e.receiver_id
                        where e.id = any (cast(:ids as bigint[])) and e.receiver_id = :receiver
                          and e.status in ('PENDING', 'RETRYING')
                        """)
                .param("ids", byId.keySet().toArray(Long[]::new)).param("receiver", receiverId)
                .query((rs, n) -> new Held(claimedEvent(rs), rs.getInt("expected_response_code")))
                .list().stream()
                .filter(h -> h.event().claimToken() != null && h.event().claimToken().equals(byId.get(h.event().id()).claim()))
                .toList();
        if (held.isEmpty()) {
            return Set.of();
        }
        Map<Long, UUID> claims = new HashMap<>();
        held.forEach(h -> claims.put(h.event().id(), h.event().claimToken()));
        Map<Long, String> handedHeaders = requests.handedWith(claims);
        List<FinishedTry> finished = new ArrayList<>();
        for (Held h : held) {
            LocalAnswer answer = byId.get(h.event().id());
            Duration duration = answer.duration() == null || answer.duration().isNegative() ? Duration.ZERO : answer.duration();
            // The try ended when the relay reported it, after the time the relay measured.
            finished.add(new FinishedTry(h.event(),
                    new Attempt(now.minus(duration), duration, RelayAnswerVerdict.outcome(answer, h.expectedResponseCode(), properties.responseBodyLimit(), now),
                            sentRequest(handedHeaders.get(h.event().id())))));
        }
        // The recorder checks each claim again as it writes: a lease that ran out meanwhile records nothing.
        Set<Long> recorded = recorder.record(finished, now);
        requests.forget(recorded);
        finished.stream().filter(f -> recorded.contains(f.event().id()))
                .forEach(f -> metrics.attempted(f.attempt(), f.event(), now));
        return recorded;
    }

    /** The relay client's own URL is its own: the server only knows the headers it handed out. */
    private static SentRequest sentRequest(String handedHeaders) {
        return handedHeaders == null ? null : new SentRequest(null, handedHeaders);
    }

    private record Held(ClaimedEvent event, int expectedResponseCode) {
    }

    private static ClaimedEvent claimedEvent(ResultSet rs) throws SQLException {
        return ClaimedEvent.read(rs, rs.getObject("claim_token", UUID.class));
    }
}

package io.hookline.receiver;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Inputs;
import io.hookline.delivery.DeliveryProperties;
import io.hookline.delivery.DeliveryRequest.ContentType;
import io.hookline.delivery.WebhookSigner;
import io.hookline.egress.EgressPolicy;
import io.hookline.egress.EgressRefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing receivers: every rule a receiver must satisfy is checked here. */
@Service
class ReceiverService {

    private final ReceiverRepository repository;
    private final ReceiverHeaderRepository headers;
    private final EgressPolicy egress;
    private final DeliveryProperties delivery;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ReceiverService(ReceiverRepository repository, ReceiverHeaderRepository headers, EgressPolicy egress,
                    DeliveryProperties delivery, Clock clock) {
        this.repository = repository;
        this.headers = headers;
        this.egress = egress;
        this.delivery = delivery;
        this.clock = clock;
    }

    record CreateInput(String name, String description, String webhookUri, String sharedSecret,
                       ContentType contentType, Integer expectedResponseCode, Boolean active,
                       List<HeaderRules.Header> headers, Boolean relay, DeliveryControls.Ordering ordering,
                       Integer maxConcurrency, Double maxRequestsPerSecond) {
    }

    /** A receiver just created or given a new relay token; the token is shown this once, null otherwise. */
    record Issued(WebhookReceiver receiver, String relayToken) {
    }

    record UpdateInput(Long id, String etag, String name, String description, String webhookUri,
                       String sharedSecret, ContentType contentType, Integer expectedResponseCode, Boolean active,
                       List<HeaderRules.Header> headers, DeliveryControls.Ordering ordering, Integer maxConcurrency,
                       Double maxRequestsPerSecond) {
    }

    @Transactional
    Issued create(Caller caller, CreateInput input) {
        caller.requireAdmin();
        String secret = input.sharedSecret() == null ? WebhookSigner.newSecret(random)
                : ReceiverFields.checkSecret(input.sharedSecret());
        List<HeaderRules.Header> givenHeaders = ReceiverFields.checkHeaders(input.headers());
        boolean relay = Boolean.TRUE.equals(input.relay());
        String uri = relay ? ReceiverFields.requireNoUri(input.webhookUri()) : checkUri(input.webhookUri());
        String relayToken = relay ? RelayTokens.generate() : null;
        DeliveryControls controls = DeliveryControls.of(DeliveryControls.DEFAULTS, input.ordering(),
                input.maxConcurrency(), input.maxRequestsPerSecond(), true);
        var receiver = repository.insert(caller.organizationId(), caller.userId(), new ReceiverRepository.NewReceiver(
                Inputs.requireName("name", input.name()), ReceiverFields.checkDescription(input.description()),
                uri, secret,
                input.contentType() == null ? ContentType.JSON : input.contentType(),
                ReceiverFields.checkResponseCode(input.expectedResponseCode() == null ? 200 : input.expectedResponseCode()),
                input.active() == null || input.active(), relay ? RelayTokens.hash(relayToken) : null, controls));
        headers.replace(caller.organizationId(), receiver.id(), givenHeaders);
        return new Issued(receiver, relayToken);
    }

    /** A new relay token; the old one stops working at once (docs/relay.md). */
    @Transactional
    Issued rotateRelayToken(Caller caller, long id, String etag) {
        caller.requireAdmin();
        WebhookReceiver receiver = repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("WebhookReceiver", id));
        if (!receiver.relay()) {
            throw ApiException.badInput("id: WebhookReceiver " + id + " is not a relay receiver (created with "
                    + "relay: true), so it has no relay token");
        }
        String token = RelayTokens.generate();
        WebhookReceiver rotated = repository.update(caller.organizationId(), id, Inputs.requireEtag(etag),
                Map.of("relay_token_hash", RelayTokens.hash(token)));
        return new Issued(rotated, token);
    }

    /** {@code rateGiven}: the input names maxRequestsPerSecond, so a null there removes the limit. */
    @Transactional
    WebhookReceiver update(Caller caller, UpdateInput input, boolean rateGiven) {
        caller.requireAdmin();
        long id = ReceiverFields.requireId(input.id());
        String etag = Inputs.requireEtag(input.etag());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.name() != null) {
            changes.put("name", Inputs.requireName("name", input.name()));
        }
        if (input.description() != null) {
            changes.put("description", ReceiverFields.checkDescription(input.description()));
        }
        if (input.webhookUri() != null) {
            boolean relay = repository.find(caller.organizationId(), id).map(WebhookReceiver::relay).orElse(false);
            changes.put("webhook_uri", relay ? ReceiverFields.requireNoUri(input.webhookUri()) : checkUri(input.webhookUri()));
        }
        if (input.sharedSecret() != null) {
            changes.put("shared_secret", ReceiverFields.checkSecret(input.sharedSecret()));
        }
        if (input.contentType() != null) {
            changes.put("content_type", input.contentType().name());
        }
        if (input.expectedResponseCode() != null) {
            changes.put("expected_response_code", ReceiverFields.checkResponseCode(input.expectedResponseCode()));
        }
        if (input.active() != null) {
            changes.put("active", input.active());
            if (input.active()) {
                // Switching a receiver back on starts its failure history afresh, or the
                // auto-disable rule would switch it off again on the next failure.
                changes.put("disabled_reason", null);
                changes.put("consecutive_failures", 0);
                changes.put("failing_since", null);
            }
        }
        DeliveryControls.putChanges(input.ordering(), input.maxConcurrency(), input.maxRequestsPerSecond(), rateGiven,
                changes);
        List<HeaderRules.Header> givenHeaders = input.headers() == null ? null : ReceiverFields.checkHeaders(input.headers());
        WebhookReceiver updated = repository.update(caller.organizationId(), id, etag, changes);
        if (givenHeaders != null) {
            headers.replace(caller.organizationId(), id, givenHeaders);
        }
        return updated;
    }

    @Transactional
    void delete(Caller caller, long id, String etag) {
        caller.requireAdmin();
        repository.delete(caller.organizationId(), id, Inputs.requireEtag(etag));
    }

    @Transactional
    WebhookReceiver rotateSecret(Caller caller, long id, String etag) {
        caller.requireAdmin();
        return repository.rotateSecret(caller.organizationId(), id, Inputs.requireEtag(etag),
                WebhookSigner.newSecret(random), clock.instant().plus(delivery.secretOverlap()).atOffset(ZoneOffset.UTC));
    }

    private String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw ApiException.badInput("webhookUri is required");
        }
        if (uri.length() > 2048) {
            throw ApiException.badInput("webhookUri must be at most 2048 characters");
        }
        try {
            egress.checkUri(uri.trim());
        } catch (EgressRefusedException e) {
            throw ApiException.badInput(e.getMessage());
        }
        return uri.trim();
    }
}

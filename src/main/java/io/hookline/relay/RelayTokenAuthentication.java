package io.hookline.relay;

import java.util.Optional;

import io.hookline.receiver.ReceiverLookup;
import io.hookline.receiver.RelayTokens;
import io.hookline.receiver.WebhookReceiver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Who a relay call is from: the receiver whose relay token is in the {@code Authorization} header,
 * and nothing else (docs/relay.md); a refusal says which kind of token was wrong.
 */
@Component
class RelayTokenAuthentication {

    private final ReceiverLookup receivers;

    RelayTokenAuthentication(ReceiverLookup receivers) {
        this.receivers = receivers;
    }

    Optional<WebhookReceiver> receiver(String authorization) {
        String token = bearer(authorization);
        return token == null ? Optional.empty() : receivers.byRelayToken(token);
    }

    ResponseEntity<?> unauthorized(String authorization) {
        String token = bearer(authorization);
        String message;
        if (token == null) {
            message = "Missing relay token: send the header 'Authorization: Bearer rly_…'";
        } else if (!RelayTokens.looksValid(token)) {
            message = "This endpoint takes a receiver's relay token (rly_…); an API key or any other token cannot "
                    + "pull or answer events";
        } else {
            message = "Invalid relay token: it is wrong, was rotated (rotateWebhookReceiverRelayToken) or its "
                    + "receiver was deleted";
        }
        return RelayEndpoints.error(HttpStatus.UNAUTHORIZED, message);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}

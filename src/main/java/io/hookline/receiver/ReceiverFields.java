package io.hookline.receiver;

import java.util.List;

import io.hookline.api.ApiException;
import io.hookline.delivery.WebhookSigner;

/** The rules a receiver's own fields must satisfy on create and update, each refusing with the field's name. */
final class ReceiverFields {

    private ReceiverFields() {
    }

    static long requireId(Long id) {
        if (id == null) {
            throw ApiException.badInput("id is required");
        }
        return id;
    }

    static String checkDescription(String description) {
        if (description != null && description.length() > 2000) {
            throw ApiException.badInput("description must be at most 2000 characters");
        }
        return description;
    }

    static String requireNoUri(String uri) {
        if (uri != null) {
            throw ApiException.badInput("webhookUri must be left out when relay is true: Hookline never connects to "
                    + "a relay receiver, its relay client pulls the events");
        }
        return null;
    }

    static String checkSecret(String secret) {
        if (!WebhookSigner.isValidSecret(secret)) {
            throw ApiException.badInput("sharedSecret must be 'whsec_' followed by the base64 of 24 to 64 random "
                    + "bytes; leave it out to have one generated");
        }
        return secret;
    }

    static int checkResponseCode(int code) {
        if (code < 200 || code > 299) {
            throw ApiException.badInput("expectedResponseCode must be a 2xx status (200 to 299), not " + code);
        }
        return code;
    }

    static List<HeaderRules.Header> checkHeaders(List<HeaderRules.Header> headers) {
        List<HeaderRules.Header> given = headers == null ? List.of() : headers;
        HeaderRules.checkAll(given);
        return given;
    }
}

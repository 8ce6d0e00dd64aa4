package io.hookline.egress;

import java.net.UnknownHostException;

/**
 * An {@link EgressRefusedException} met while the HTTP client was resolving a host. It extends
 * {@link UnknownHostException} because that is the only checked exception Apache HttpClient's
 * {@code DnsResolver} may throw; being one also keeps the client from retrying. Senders must test for
 * this type before treating an {@code UnknownHostException} as a DNS failure.
 */
public class EgressBlockedIOException extends UnknownHostException {

    public EgressBlockedIOException(EgressRefusedException refusal) {
        super(refusal.getMessage());
        initCause(refusal);
    }
}

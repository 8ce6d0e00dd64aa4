package io.hookline.egress;

/**
 * A webhook URI or host that Hookline will not send to. The message names the problem in words a
 * user can act on, e.g. "webhookUri host 127.0.0.1 is a loopback address".
 */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String message) {
        super(message);
    }
}

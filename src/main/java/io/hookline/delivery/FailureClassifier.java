package io.hookline.delivery;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import io.hookline.delivery.DeliveryOutcome.Failed;

/** Turns what went wrong during a try into an {@link ErrorKind} and a short message for people. */
final class FailureClassifier {

    private static final int MAX_MESSAGE = 300;

    private FailureClassifier() {
    }

    static Failed timedOut(Duration requestTimeout) {
        return noResponse(ErrorKind.TIMEOUT, "no complete response within " + human(requestTimeout));
    }

    /** A read that waited its whole socket timeout, as opposed to a connect that did. */
    static boolean isReadTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return false;
            }
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static Failed classify(Throwable failure) {
        // Egress refusals come first: the egress package's EgressBlockedIOException is an
        // UnknownHostException underneath, and must not read as a network fault. It is matched by
        // simple name, not by type, because WebhookSenderTest stands in for it with a class of that
        // name; delivery does depend on egress (DeliveryConfig), so the type would compile here too.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("EgressBlockedIOException")) {
                return noResponse(ErrorKind.BLOCKED_BY_EGRESS_POLICY, "blocked by egress policy: " + message(t));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            ErrorKind kind = kindOf(t);
            if (kind != null) {
                return noResponse(kind, describe(kind, t));
            }
        }
        return noResponse(ErrorKind.OTHER, failure.getClass().getSimpleName() + ": " + message(failure));
    }

    private static ErrorKind kindOf(Throwable t) {
        String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof ConnectTimeoutException || t instanceof SocketTimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        if (t instanceof UnknownHostException) {
            return ErrorKind.DNS;
        }
        if (t instanceof ConnectException) {
            // HttpHostConnectException is a ConnectException: nothing accepted the connection.
            return ErrorKind.CONNECTION_REFUSED;
        }
        if (t instanceof NoHttpResponseException || t instanceof ConnectionClosedException
                || (t instanceof SocketException && (text.contains("reset") || text.contains("broken pipe")))) {
            return ErrorKind.CONNECTION_RESET;
        }
        if (t instanceof SSLException) {
            // A reset during TLS surfaces as an SSLException around a SocketException; the cause walk
            // would find that only after this, so look one level down here.
            return t.getCause() instanceof SocketException inner && kindOf(inner) == ErrorKind.CONNECTION_RESET
                    ? ErrorKind.CONNECTION_RESET : ErrorKind.TLS;
        }
        return null;
    }

    private static String describe(ErrorKind kind, Throwable t) {
        return switch (kind) {
            case TIMEOUT -> "timed out: " + message(t);
            case DNS -> "host not found: " + message(t);
            case CONNECTION_REFUSED -> "connection refused: " + message(t);
            case CONNECTION_RESET -> "connection closed without a complete response: " + message(t);
            case TLS -> "TLS failed: " + message(t);
            default -> message(t);
        };
    }

    static Failed noResponse(ErrorKind kind, String error) {
        return new Failed(null, kind, shorten(error), null, null, null);
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static String shorten(String error) {
        String oneLine = error.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 1) + "…";
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

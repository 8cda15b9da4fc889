package org.imagesearch.local;

/**
 * Waiting for published messages to settle gave up while the job still ran: nothing settled for too long, or
 * the deadline passed. The caller knows what it sent, so it can say which messages are missing.
 */
public final class NotSettledException extends IllegalStateException {
    NotSettledException(String message) {
        super(message);
    }
}

package org.imagesearch.query;

/** Every slot for decoding and embedding a query image stayed taken: the caller should retry shortly. */
public final class ServiceBusyException extends RuntimeException {
    public ServiceBusyException(String message) {
        super(message);
    }
}

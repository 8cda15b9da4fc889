package org.imagesearch.queryjob;

/** An answer ready for the results topic: the request's Kafka key and the JSON answer. */
public record QueryAnswer(byte[] key, byte[] json) {}

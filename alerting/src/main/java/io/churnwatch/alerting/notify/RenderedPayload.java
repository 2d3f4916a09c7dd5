package io.churnwatch.alerting.notify;

/** A notification as its channel would send it, with secrets left out: what the dead-letter topic keeps. */
public record RenderedPayload(String contentType, byte[] body) {}

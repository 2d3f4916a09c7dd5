package io.churnwatch.alerting.nflog;

/**
 * Where delivery attempts are recorded. Implementations must not throw: a log that is down must
 * not stop notifications; they report their own trouble.
 */
public interface NotificationLog {
    void record(NotificationRecord record);
}

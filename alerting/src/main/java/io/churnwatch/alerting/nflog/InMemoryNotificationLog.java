package io.churnwatch.alerting.nflog;

import java.util.ArrayList;
import java.util.List;

/** Keeps records in memory: for dry runs and for checking the dispatcher without a search cluster. */
public final class InMemoryNotificationLog implements NotificationLog {
    private final List<NotificationRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(NotificationRecord record) {
        records.add(record);
    }

    public synchronized List<NotificationRecord> records() {
        return List.copyOf(records);
    }
}

package io.churnwatch.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's routing file, pointed at the {@link DemoReceivers}: high-value customers at serious
 * risk page, MEDIUM and above reach the retention channel one customer per message, the retention
 * lead gets an email for HIGH and above, and every alert reaches a signed CRM webhook. LOW alerts
 * stay on the dashboard (docs/rules.md): the channel gets one digest of them a minute, listing the
 * customers, instead of one message each. Short group waits, so a newcomer sees results in seconds.
 */
final class DemoRouting {

    /** The demo shows every time as a team in Berlin reads it, zone named, to show the option at work. */
    static final String TIME_ZONE = "Europe/Berlin";

    private DemoRouting() {}

    /** The routing file, with every notification's dashboard link on the console's alert page. */
    static Path write(Path dir, DemoReceivers receivers, String consoleUrl) throws IOException {
        String yaml = """
                # Written by `churnwatch demo` for its local receivers.
                global:
                  dashboard_url_template: "%3$s/alerts/{alert_id}"
                  timezone: %4$s
                route:
                  receiver: retention-slack
                  group_by: [customer_id]
                  group_wait: 2s
                  group_interval: 10s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['alertname=~".+"']
                      receiver: crm-webhook
                      group_by: [alert_id]
                      group_wait: 0s
                      continue: true
                    - matchers: ['severity=~"HIGH|CRITICAL"', 'tier=~"GOLD|PLATINUM"']
                      receiver: retention-pager
                      continue: true
                    - matchers: ['severity=~"HIGH|CRITICAL"']
                      receiver: retention-email
                      continue: true
                    # LOW: one digest per minute listing the customers, not a message each.
                    - matchers: ['severity="LOW"']
                      receiver: retention-slack
                      group_by: [severity]
                      group_wait: 30s
                      group_interval: 1m
                    - receiver: retention-slack
                receivers:
                  - name: retention-pager
                    pagerduty:
                      routing_key: demo-routing-key-not-a-secret
                      url: %1$s/pagerduty/v2/enqueue
                      source: churnwatch-demo
                  - name: retention-slack
                    slack:
                      webhook_url: %1$s/slack
                  - name: crm-webhook
                    webhook:
                      url: %1$s/webhook
                      secret: whsec_ZGVtby1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQ=
                  - name: retention-email
                    email:
                      smtp_host: 127.0.0.1
                      smtp_port: %2$d
                      starttls: false
                      from: "ChurnWatch demo <churnwatch@localhost>"
                      to: [retention-lead@localhost]
                inhibit_rules:
                  - source_matchers: ['severity="CRITICAL"']
                    target_matchers: ['severity=~"MEDIUM|LOW"']
                    equal: [customer_id]
                """.formatted(receivers.httpBase(), receivers.smtpPort(), consoleUrl, TIME_ZONE);
        Path file = dir.resolve("demo-routing.yml");
        Files.writeString(file, yaml);
        return file;
    }
}

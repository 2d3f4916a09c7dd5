package io.churnwatch.alerting.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures everything the alerting code logs, at every level, to check that no secret is in it. */
public final class LogCapture implements AutoCloseable {
    private static final String LOGGER = "io.churnwatch.alerting";
    private final List<String> lines = new ArrayList<>();
    private final AbstractAppender appender;

    private LogCapture() {
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder b = new StringBuilder(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    b.append(" | ").append(t);
                }
                synchronized (lines) {
                    lines.add(b.toString());
                }
            }
        };
    }

    public static LogCapture start() {
        LogCapture c = new LogCapture();
        c.appender.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        LoggerConfig lc = new LoggerConfig(LOGGER, Level.ALL, false);
        lc.addAppender(c.appender, Level.ALL, null);
        cfg.addLogger(LOGGER, lc);
        ctx.updateLoggers();
        return c;
    }

    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(LOGGER);
        ctx.updateLoggers();
        appender.stop();
    }
}

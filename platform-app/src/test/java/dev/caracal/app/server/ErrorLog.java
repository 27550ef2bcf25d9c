package dev.caracal.app.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines logged at ERROR while it is open, from every logger: tests assert that a scenario logs none. */
public final class ErrorLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ErrorLog() {
        ThresholdFilter errorsOnly = new ThresholdFilter();
        errorsOnly.setLevel("ERROR");
        errorsOnly.start();
        appender.addFilter(errorsOnly);
        appender.start();
        root().addAppender(appender);
    }

    /** Starts capturing. */
    public static ErrorLog open() {
        return new ErrorLog();
    }

    /** How many lines were captured so far. */
    public synchronized int size() {
        return appender.list.size();
    }

    /** The lines captured from the {@code from}-th on, as "logger: message (exception)". */
    public synchronized List<String> since(int from) {
        return appender.list.subList(from, appender.list.size()).stream()
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getClassName()
                                + ": " + event.getThrowableProxy().getMessage() + ")"))
                .toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        appender.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}

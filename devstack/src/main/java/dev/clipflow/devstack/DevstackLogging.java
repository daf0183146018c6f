package dev.clipflow.devstack;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Keeps the broker's, the S3 server's and the test Kafka client's own logs at WARN: a passing test run stays quiet, and devstack
 * says in one INFO line each what it started.
 */
final class DevstackLogging {

    private static final List<String> NOISY = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper",
            "org.gaul", "org.gaul.shaded.org.eclipse.jetty", "org.eclipse.jetty", "org.bytedeco",
            // The tests' KafkaCompanion says INFO at every producer and consumer it opens and closes.
            "io.smallrye.reactive.messaging.kafka.companion");

    // Held strongly: a logger that is garbage collected forgets its level.
    private static List<Logger> quieted = List.of();

    static synchronized void quietDependencies() {
        if (!quieted.isEmpty()) {
            return;
        }
        LogContext context = LogContext.getLogContext();
        quieted = NOISY.stream().map(context::getLogger).toList();
        quieted.forEach(logger -> logger.setLevel(Level.WARNING));
        // Expected on this broker, not worth a WARN: "metadata log appears to be empty" on every fresh start,
        // "closing a closed NetworkClient" on every stop, "unknown topic" before an auto-created topic exists.
        quieted = new java.util.ArrayList<>(quieted);
        for (String name : List.of("org.apache.kafka.controller", "org.apache.kafka.clients.NetworkClient")) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.SEVERE);
            quieted.add(logger);
        }
    }

    private DevstackLogging() {
    }
}

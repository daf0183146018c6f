package dev.clipflow.devstack;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Keeps the broker's and the S3 server's own logs at WARN: a passing test run stays quiet, and devstack
 * says in one INFO line each what it started.
 */
final class DevstackLogging {

    private static final List<String> NOISY = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper",
            "org.gaul", "org.gaul.shaded.org.eclipse.jetty", "org.eclipse.jetty", "org.bytedeco");

    // Held strongly: a logger that is garbage collected forgets its level.
    private static List<Logger> quieted = List.of();

    static synchronized void quietDependencies() {
        if (!quieted.isEmpty()) {
            return;
        }
        LogContext context = LogContext.getLogContext();
        quieted = NOISY.stream().map(context::getLogger).toList();
        quieted.forEach(logger -> logger.setLevel(Level.WARNING));
        // Its one WARN per start ("metadata log appears to be empty") is expected on a fresh broker.
        Logger controller = context.getLogger("org.apache.kafka.controller");
        controller.setLevel(Level.SEVERE);
        quieted = new java.util.ArrayList<>(quieted);
        quieted.add(controller);
    }

    private DevstackLogging() {
    }
}

package dev.clipflow.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/**
 * Shows the log on the console in these plain JUnit tests. Quarkus (on the class path for the test resources)
 * installs a handler that holds log records until a Quarkus application starts, which never happens here.
 */
public class ConsoleLogging implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (ConsoleLogging.class) {
            if (!InitialConfigurator.DELAYED_HANDLER.isActivated()) {
                InitialConfigurator.DELAYED_HANDLER.setHandlers(
                        new java.util.logging.Handler[] {InitialConfigurator.createDefaultHandler()});
            }
        }
    }
}

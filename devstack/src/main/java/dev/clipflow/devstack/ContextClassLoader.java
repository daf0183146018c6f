package dev.clipflow.devstack;

import java.util.function.Supplier;

/**
 * Runs server code with the servers' own class loader as the thread's context class loader. Kafka loads
 * classes by name through it, and the threads it starts inherit it: under Quarkus tests the caller's context
 * class loader holds other copies of the same classes.
 */
final class ContextClassLoader {

    static <T> T of(Class<?> owner, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(owner.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(Class<?> owner, Runnable action) {
        of(owner, () -> {
            action.run();
            return null;
        });
    }

    private ContextClassLoader() {
    }
}

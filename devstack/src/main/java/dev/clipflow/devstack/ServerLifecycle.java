package dev.clipflow.devstack;

/**
 * Stop, restart and close of a devstack server, wherever it runs: in this class loader (which logs each step), in
 * another one through JMX, or in a container.
 */
interface ServerLifecycle {
    boolean isRunning();

    /** Stops it if it runs; port and data are kept for {@link #restart()}. */
    void stop();

    /** Starts it again on the same port with the same data (stops it first if it runs). */
    void restart();

    /** Stops it and deletes its data unless that is kept. */
    void close();
}

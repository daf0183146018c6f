package dev.clipflow.devstack;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clipflow.contracts.Topics;

/**
 * One Kafka broker and one S3 server per JVM, shared by every test class. The broker is Testcontainers' Kafka
 * module where a Docker engine answers, the devstack in-process broker otherwise ({@link KafkaContainers}); the
 * choice is made once per JVM and logged.
 *
 * <p>Quarkus loads test classes (and devstack with them) in a new class loader for each test profile, and closes
 * it when the profile is done, so a plain static singleton would start a broker per profile and could lose its
 * classes mid-run. The shared instances are therefore started in the system class loader, which lives as long as
 * the JVM, and every class loader controls them through the platform MBean server, with strings only.
 */
public final class SharedServers {

    public static final String TEST_BUCKET = "clipflow-test";

    static final ObjectName KAFKA = objectName("KafkaBroker");
    static final ObjectName S3 = objectName("S3Server");

    private static final Logger LOG = LoggerFactory.getLogger(SharedServers.class);
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    /** The shared broker, started on first use; its topics exist with 12 partitions. */
    public static KafkaBroker kafka() {
        startInSystemClassLoader("startKafka");
        return KafkaBroker.shared((String) attribute(KAFKA, "BootstrapServers"), new JmxLifecycle(KAFKA));
    }

    /** The shared in-memory S3 server, started on first use, with the bucket {@value #TEST_BUCKET}. */
    public static S3Server s3() {
        startInSystemClassLoader("startS3");
        return S3Server.shared(S3Server.Mode.valueOf((String) attribute(S3, "Mode")),
                (String) attribute(S3, "Endpoint"), (String) attribute(S3, "AccessKey"),
                (String) attribute(S3, "SecretKey"), new JmxLifecycle(S3));
    }

    /** Runs in the system class loader (called reflectively). */
    public static synchronized void startKafka() throws JMException {
        if (MBEANS.isRegistered(KAFKA)) {
            return;
        }
        boolean container = KafkaContainers.chosen();
        KafkaBroker broker = container ? KafkaContainers.start() : KafkaBroker.start();
        broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);
        LOG.info("Kafka for this test run: {} at {}", container
                ? "Testcontainers " + KafkaContainers.IMAGE + " (a Docker engine answered)"
                : "the devstack in-process broker (no Docker engine)", broker.bootstrapServers());
        MBEANS.registerMBean(new StandardMBean(new KafkaControl(broker), KafkaControlMBean.class), KAFKA);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "devstack-kafka-shutdown"));
    }

    /** Runs in the system class loader (called reflectively). */
    public static synchronized void startS3() throws JMException {
        if (MBEANS.isRegistered(S3)) {
            return;
        }
        S3Server server = S3Server.start(S3Server.Mode.IN_MEMORY);
        server.createBucket(TEST_BUCKET);
        MBEANS.registerMBean(new StandardMBean(new S3Control(server), S3ControlMBean.class), S3);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "devstack-s3-shutdown"));
    }

    private static void startInSystemClassLoader(String method) {
        Class<?> owner;
        try {
            owner = Class.forName(SharedServers.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // devstack is not on the JVM class path (an unusual launcher): share within this class loader only.
            owner = SharedServers.class;
        }
        // Kafka loads classes by name through the context class loader: it must be the broker's own.
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(owner.getClassLoader());
        try {
            owner.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot start the shared devstack server", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start the shared devstack server", e);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    static Object attribute(ObjectName name, String attribute) {
        try {
            return MBEANS.getAttribute(name, attribute);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read " + attribute + " of " + name, e);
        }
    }

    static void invoke(ObjectName name, String operation, String... arguments) {
        String[] signature = new String[arguments.length];
        java.util.Arrays.fill(signature, String.class.getName());
        try {
            MBEANS.invoke(name, operation, arguments, signature);
        } catch (javax.management.MBeanException e) {
            throw new IllegalStateException(operation + " failed on " + name, e.getTargetException());
        } catch (JMException e) {
            throw new IllegalStateException(operation + " failed on " + name, e);
        }
    }

    private static ObjectName objectName(String type) {
        try {
            return new ObjectName("dev.clipflow.devstack:type=" + type);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(type, e);
        }
    }

    /** Lifecycle of a shared server, from any class loader. Closing is left to the JVM shutdown hook. */
    private record JmxLifecycle(ObjectName name) implements S3Server.Lifecycle {

        @Override
        public boolean isRunning() {
            return (Boolean) attribute(name, "Running");
        }

        @Override
        public void stop() {
            invoke(name, "stop");
        }

        @Override
        public void restart() {
            invoke(name, "restart");
        }

        @Override
        public void close() {
        }

        @Override
        public void createBucket(String bucket) {
            invoke(name, "createBucket", bucket);
        }
    }

    public interface KafkaControlMBean {
        String getBootstrapServers();

        boolean isRunning();

        void stop();

        void restart();
    }

    public interface S3ControlMBean {
        String getMode();

        String getEndpoint();

        String getAccessKey();

        String getSecretKey();

        boolean isRunning();

        void stop();

        void restart();

        void createBucket(String name);
    }

    private record KafkaControl(KafkaBroker broker) implements KafkaControlMBean {
        @Override
        public String getBootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public boolean isRunning() {
            return broker.isRunning();
        }

        @Override
        public void stop() {
            broker.stop();
        }

        @Override
        public void restart() {
            broker.restart();
        }
    }

    private record S3Control(S3Server server) implements S3ControlMBean {
        @Override
        public String getMode() {
            return server.mode().name();
        }

        @Override
        public String getEndpoint() {
            return server.endpoint();
        }

        @Override
        public String getAccessKey() {
            return server.accessKey();
        }

        @Override
        public String getSecretKey() {
            return server.secretKey();
        }

        @Override
        public boolean isRunning() {
            return server.isRunning();
        }

        @Override
        public void stop() {
            server.stop();
        }

        @Override
        public void restart() {
            server.restart();
        }

        @Override
        public void createBucket(String name) {
            server.createBucket(name);
        }
    }

    private SharedServers() {
    }
}

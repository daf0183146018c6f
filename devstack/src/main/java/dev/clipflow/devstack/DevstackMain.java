package dev.clipflow.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.clipflow.contracts.Topics;

/**
 * The devstack as its own process, for the local launcher: starts the Kafka broker (and with {@code --s3} the
 * S3 server), creates the Clipflow topics, prints one machine-readable line and runs until SIGTERM / Ctrl-C.
 * With {@code --data-dir} the broker's log ({@code DIR/kafka}) and the S3 server's objects ({@code DIR/s3}, a
 * filesystem store) are kept there across runs; without it both are temporary.
 *
 * <pre>
 * java -jar devstack.jar [--kafka-port N] [--s3] [--s3-port N] [--s3-bucket NAME] [--s3-filesystem] [--data-dir DIR]
 * DEVSTACK kafka=127.0.0.1:9092 s3=http://127.0.0.1:9000 s3_access_key=... s3_secret_key=... s3_region=us-east-1 s3_bucket=...
 * </pre>
 */
public final class DevstackMain {

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: devstack [--kafka-port N] [--s3] [--s3-port N] [--s3-bucket NAME] [--s3-filesystem] [--data-dir DIR]");
            System.exit(2);
            return;
        }

        KafkaBroker broker = options.dataDir == null
                ? KafkaBroker.start(options.kafkaPort)
                : KafkaBroker.startKeeping(options.kafkaPort, options.dataDir.resolve("kafka"));
        S3Server s3 = null;
        CountDownLatch stopped = new CountDownLatch(1);
        StringBuilder line = new StringBuilder("DEVSTACK kafka=").append(broker.bootstrapServers());
        try {
            broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);
            if (options.s3) {
                s3 = options.dataDir == null
                        ? S3Server.start(options.s3Mode, options.s3Port)
                        : S3Server.startKeeping(options.s3Port, options.dataDir.resolve("s3"));
                s3.createBucket(options.s3Bucket);
                line.append(" s3=").append(s3.endpoint())
                        .append(" s3_access_key=").append(s3.accessKey())
                        .append(" s3_secret_key=").append(s3.secretKey())
                        .append(" s3_region=").append(s3.region())
                        .append(" s3_bucket=").append(options.s3Bucket);
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        S3Server startedS3 = s3;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (startedS3 != null) {
                startedS3.close();
            }
            broker.close();
            stopped.countDown();
        }, "devstack-shutdown"));
        System.out.println(line);
        System.out.flush();
        stopped.await();
    }

    private record Options(int kafkaPort, boolean s3, int s3Port, String s3Bucket, S3Server.Mode s3Mode, Path dataDir) {

        static Options parse(String[] args) {
            int kafkaPort = 0;
            boolean s3 = false;
            int s3Port = 0;
            String bucket = "clipflow-clips";
            S3Server.Mode mode = S3Server.Mode.IN_MEMORY;
            Path dataDir = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kafka-port" -> kafkaPort = port(args, ++i);
                    case "--s3" -> s3 = true;
                    case "--s3-port" -> {
                        s3 = true;
                        s3Port = port(args, ++i);
                    }
                    case "--s3-bucket" -> {
                        s3 = true;
                        bucket = value(args, ++i);
                    }
                    case "--s3-filesystem" -> {
                        s3 = true;
                        mode = S3Server.Mode.FILESYSTEM;
                    }
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(kafkaPort, s3, s3Port, bucket, mode, dataDir);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int port(String[] args, int i) {
            try {
                int port = Integer.parseInt(value(args, i));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " needs a port number, not " + args[i]);
            }
        }
    }

    private DevstackMain() {
    }
}

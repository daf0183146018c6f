package dev.clipflow.faults;

import dev.clipflow.devstack.S3Server;
import java.nio.file.Path;

/**
 * The devstack S3 server as a process of its own, objects kept on disk, so that a test can freeze it (SIGSTOP) as
 * a store that stops answering without closing its connections. Prints {@code S3 endpoint access-key secret-key}.
 */
public final class S3ServerMain {

    public static void main(String[] args) throws InterruptedException {
        S3Server server = S3Server.startKeeping(0, Path.of(args[0]));
        server.createBucket(args[1]);
        System.out.println("S3 " + server.endpoint() + " " + server.accessKey() + " " + server.secretKey());
        System.out.flush();
        Thread.currentThread().join();
    }

    private S3ServerMain() {
    }
}

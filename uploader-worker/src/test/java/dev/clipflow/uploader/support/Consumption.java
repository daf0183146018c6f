package dev.clipflow.uploader.support;

import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Each test application joins a fresh consumer group that starts at the end of {@code clip-events}
 * (so it never re-plays other test classes' jobs). Before a test publishes, a probe job is published
 * until the application answers it: from then on every record published is consumed.
 */
public final class Consumption {

    private static final Set<String> READY_GROUPS = ConcurrentHashMap.newKeySet();

    private Consumption() {
    }

    public static void awaitConsuming(Path workDir) {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.clip-events.group.id", String.class);
        if (READY_GROUPS.contains(group)) {
            return;
        }
        RenderedJob probe = RenderedJob.withClips(workDir, "probe", 1);
        var event = probe.event();
        // Until the consumer has its partitions the probe goes unseen: publish it again.
        await("the uploader consumes clip-events (group " + group + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(10)).ignoreExceptionsInstanceOf(ConditionTimeoutException.class)
                .until(() -> {
                    EventBus.publish(Topics.CLIP_EVENTS, event);
                    return EventBus.awaitUploadEvent(probe.jobId, Duration.ofSeconds(2)) != null;
                });
        READY_GROUPS.add(group);
    }

    public static List<String> readyGroups() {
        return List.copyOf(READY_GROUPS);
    }
}

package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.uploader.service.JobDeleter;
import dev.clipflow.uploader.service.JobOutcome;
import dev.clipflow.uploader.service.RenderedJobProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code clip-events} and uploads every {@code JobRendered}, deletes every cancelled job (in the order
 * of the job's partition, so after its upload); the other events are not ours and
 * are simply acknowledged (a record that is no event at all never gets here: the channel's
 * dead-letter strategy parks it). The record is acknowledged when this method returns, that is after the
 * outcome event (and, for an upload or a deletion given up, the dead-letter record) was acknowledged by the broker.
 */
@ApplicationScoped
public class RenderedJobConsumer {

    public static final String CHANNEL = Topics.CLIP_EVENTS;
    private static final Logger LOG = Logger.getLogger(RenderedJobConsumer.class);

    private final RenderedJobProcessor processor;
    private final DeadLetters deadLetters;

    private final JobDeleter deleter;

    public RenderedJobConsumer(RenderedJobProcessor processor, DeadLetters deadLetters, JobDeleter deleter) {
        this.deleter = deleter;
        this.processor = processor;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, ClipflowEvent> record) {
        if (record.value() instanceof JobCancelled cancellation) {
            JobDeleter.Deletion deletion = deleter.delete(cancellation);
            if (!deletion.deleted()) {
                deadLetters.park(record, deletion.failure());
                LOG.warnf("Deletion of cancelled job %s given up after %d attempt(s): %s. Its objects stay in storage"
                                + " and the record is in %s: replay with POST /admin/replay/%s",
                        deletion.jobId(), deletion.attempts(), deletion.failure(), DeadLetters.TOPIC,
                        deletion.jobId());
            }
            return;
        }
        if (!(record.value() instanceof JobRendered rendered)) {
            return;
        }
        if (deleter.isCancelled(rendered.jobId())) {
            deleter.discard(rendered.jobId());
            return;
        }
        JobOutcome outcome = processor.process(rendered);
        if (outcome instanceof JobOutcome.Failed failed) {
            deadLetters.park(record, failed.reason());
            LOG.warnf("Upload of job %s given up after %d attempt(s): %s. Files not stored: %s; they stay in the"
                            + " work dir and the record is in %s: replay with POST /admin/replay/%s",
                    failed.jobId(), failed.attempts(), failed.reason(), failed.failedFiles(), DeadLetters.TOPIC,
                    failed.jobId());
        }
    }
}

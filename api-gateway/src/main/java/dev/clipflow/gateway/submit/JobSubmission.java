package dev.clipflow.gateway.submit;

import java.util.List;

/**
 * The options of {@code POST /jobs}, as sent: the JSON body, or the multipart form fields. Nothing
 * here is trusted yet; {@link JobValidator} turns it into a {@code JobRequested}.
 */
public record JobSubmission(
        String sourceUrl,
        String title,
        List<ClipRequest> clips,
        Integer targetClips,
        Double clipMinSeconds,
        Double clipMaxSeconds,
        String outputFormat,
        String layout,
        String webhookUrl,
        String webhookSecret) {
}

package dev.clipflow.gateway.status;

import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.contracts.JobId;
import dev.clipflow.gateway.status.JobState.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code GET /jobs}: the jobs of the status view, newest first; deleted (cancelled) ones only when asked for by status. The view is folded from the topics by every
 * replica, so every replica gives the same pages. The cursor is the position of the last job of a page
 * (its request time and id), so a page never repeats or skips a job when newer jobs arrive in between.
 */
@ApplicationScoped
public class JobListing {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Newest first; the id breaks ties between jobs requested in the same instant. */
    private static final Comparator<Position> NEWEST_FIRST = Comparator.comparing(Position::createdAt)
            .thenComparing(Position::jobId).reversed();

    private final JobStatusView view;

    public JobListing(JobStatusView view) {
        this.view = view;
    }

    /** Where a job stands in the listing. */
    record Position(Instant createdAt, String jobId) {
        static Position of(JobState s) {
            return new Position(s.createdAt(), s.jobId());
        }
    }

    public record Page(List<JobSummary> jobs, String nextCursor) {
    }

    public record JobSummary(String jobId, String title, Status status, int progress, String stage, Instant createdAt,
                             int clipCount, JobStatusResponse.BackupStatus backup, JobStatusResponse.Error error) {
        static JobSummary of(JobState s) {
            return new JobSummary(s.jobId(), s.title(), s.status(), s.progress(), s.stage(), s.createdAt(),
                    s.clips().size(), new JobStatusResponse.BackupStatus(s.backup()),
                    s.status() == Status.FAILED ? new JobStatusResponse.Error(s.errorCode(), s.errorMessage()) : null);
        }
    }

    /** The parameters as they came in the query string; each is checked here (422 naming the field). */
    public Page page(String statusParam, String limitParam, String cursorParam) {
        Status status = parseStatus(statusParam);
        int limit = parseLimit(limitParam);
        Position after = cursorParam == null || cursorParam.isEmpty() ? null : decodeCursor(cursorParam);
        List<JobState> matching = view.all().stream()
                .filter(s -> s.requested() && s.createdAt() != null)
                .filter(s -> status == null ? s.status() != Status.CANCELLED : s.status() == status)
                .filter(s -> after == null || NEWEST_FIRST.compare(Position.of(s), after) > 0)
                .sorted(Comparator.comparing(Position::of, NEWEST_FIRST))
                .limit(limit + 1L)
                .toList();
        boolean more = matching.size() > limit;
        List<JobState> page = more ? matching.subList(0, limit) : matching;
        String next = more ? encodeCursor(page.get(page.size() - 1)) : null;
        return new Page(page.stream().map(JobSummary::of).toList(), next);
    }

    private static Status parseStatus(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return Arrays.stream(Status.values()).filter(s -> s.wireName().equals(raw.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> ApiException.invalid("invalid_status", "status must be one of "
                        + Arrays.stream(Status.values()).map(Status::wireName).collect(Collectors.joining(", ")), "status"));
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiException.invalid("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
    }

    static String encodeCursor(JobState last) {
        String position = last.createdAt() + "|" + last.jobId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static Position decodeCursor(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = position.indexOf('|');
            String jobId = position.substring(bar + 1);
            if (bar < 0 || !JobId.isValid(jobId)) {
                throw new IllegalArgumentException("no job id in the cursor");
            }
            return new Position(Instant.parse(position.substring(0, bar)), jobId);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.invalid("invalid_cursor", "cursor is not one this API gave out", "cursor");
        }
    }
}

package dev.clipflow.gallery.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of the whole index: jobs newest first (created_at, then job id), each job's clips in
 * index order. A page is found by binary search over the first clip number of each job, so serving any
 * page costs O(log jobs + limit).
 */
public final class IndexSnapshot {

    static final Comparator<IndexedJob> NEWEST_FIRST = Comparator
            .comparing(IndexedJob::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(IndexedJob::jobId);

    public static final IndexSnapshot EMPTY = new IndexSnapshot(List.of());

    private final IndexedJob[] jobs;
    private final int[] firstClip;
    private final int clipCount;
    private final Map<String, IndexedJob> byMetadataKey;
    private final Map<String, IndexedJob> byJobId;

    /** One entry per job id: when two metadata objects name the same job, the newer version wins. */
    IndexSnapshot(Collection<IndexedJob> entries) {
        Map<String, IndexedJob> perJob = new HashMap<>(entries.size() * 2);
        for (IndexedJob job : entries) {
            perJob.merge(job.jobId(), job, IndexSnapshot::newer);
        }
        this.jobs = perJob.values().toArray(IndexedJob[]::new);
        Arrays.sort(jobs, NEWEST_FIRST);
        this.firstClip = new int[jobs.length];
        int clips = 0;
        for (int i = 0; i < jobs.length; i++) {
            firstClip[i] = clips;
            clips += jobs[i].clips().size();
        }
        this.clipCount = clips;
        this.byJobId = perJob;
        this.byMetadataKey = new HashMap<>(entries.size() * 2);
        for (IndexedJob job : entries) {
            byMetadataKey.put(job.metadataKey(), job);
        }
    }

    private static IndexedJob newer(IndexedJob a, IndexedJob b) {
        if (a.generation() != b.generation()) {
            return a.generation() > b.generation() ? a : b;
        }
        var aTime = a.version().lastModified();
        var bTime = b.version().lastModified();
        if (aTime != null && bTime != null && !aTime.equals(bTime)) {
            return aTime.isAfter(bTime) ? a : b;
        }
        return a.metadataKey().compareTo(b.metadataKey()) >= 0 ? a : b;
    }

    public int jobCount() {
        return jobs.length;
    }

    public int clipCount() {
        return clipCount;
    }

    public Optional<IndexedJob> job(String jobId) {
        return Optional.ofNullable(byJobId.get(jobId));
    }

    IndexedJob byMetadataKey(String key) {
        return byMetadataKey.get(key);
    }

    Collection<IndexedJob> entries() {
        return byMetadataKey.values();
    }

    /** Up to {@code limit} clips starting at clip number {@code offset} of the whole ordered list. */
    public List<ClipRef> page(int offset, int limit) {
        if (offset >= clipCount || limit <= 0) {
            return List.of();
        }
        int j = Arrays.binarySearch(firstClip, offset);
        if (j < 0) {
            j = -j - 2; // the job whose clips contain offset
        } else {
            while (j + 1 < jobs.length && firstClip[j + 1] == offset) {
                j++; // skip jobs without clips that share the same first clip number
            }
        }
        List<ClipRef> page = new ArrayList<>(Math.min(limit, clipCount - offset));
        int within = offset - firstClip[j];
        for (; j < jobs.length && page.size() < limit; j++, within = 0) {
            List<IndexedClip> clips = jobs[j].clips();
            for (int c = within; c < clips.size() && page.size() < limit; c++) {
                page.add(new ClipRef(jobs[j], clips.get(c)));
            }
        }
        return page;
    }

    public record ClipRef(IndexedJob job, IndexedClip clip) {
    }
}

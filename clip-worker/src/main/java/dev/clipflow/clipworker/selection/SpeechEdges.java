package dev.clipflow.clipworker.selection;

import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * With a transcript, the edges of automatically chosen clips move off words: a clip starts just before a
 * word and ends just after one, and an edge within {@link #TOLERANCE_SECONDS} of a sentence start (or end)
 * goes there. An edge only moves if the clip keeps its length bounds and does not run into another clip.
 */
public final class SpeechEdges {

    static final double TOLERANCE_SECONDS = 2.0;
    /** Room kept before a word's onset and after its end, at most half the pause around it. */
    static final double MARGIN_SECONDS = 0.15;

    public static Selection adjust(Selection selection, Captions captions, AutoSelection options, double sourceDuration) {
        List<Word> words = new ArrayList<>(captions.words());
        words.sort(Comparator.comparingDouble(Word::start));
        if (words.isEmpty()) {
            return selection;
        }
        List<PlannedClip> clips = new ArrayList<>(selection.clips());
        for (int i = 0; i < clips.size(); i++) {
            PlannedClip clip = clips.get(i);
            double start = edge(clip.start(), starts(words), words);
            double end = edge(clip.end(), ends(words, sourceDuration), words);
            if (fits(clips, i, start, end, options, sourceDuration)) {
                clips.set(i, new PlannedClip(clip.number(), start, end, clip.title(), clip.tiktokDesc(), clip.instaDesc(),
                        clip.predictedScore(), clip.reason()));
            }
        }
        return new Selection(selection.method(), selection.requested(), clips, selection.note());
    }

    private record Edge(double at, boolean sentence) {
    }

    /** Before each word, with a sentence start after a sentence end (or at the first word). */
    private static List<Edge> starts(List<Word> words) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            double gap = i == 0 ? w.start() : w.start() - words.get(i - 1).end();
            edges.add(new Edge(Math.max(0, w.start() - Math.min(MARGIN_SECONDS, Math.max(0, gap) / 2)),
                    i == 0 || Captions.endsSentence(words.get(i - 1).text())));
        }
        return edges;
    }

    private static List<Edge> ends(List<Word> words, double sourceDuration) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            double gap = i == words.size() - 1 ? sourceDuration - w.end() : words.get(i + 1).start() - w.end();
            edges.add(new Edge(Math.min(sourceDuration, w.end() + Math.min(MARGIN_SECONDS, Math.max(0, gap) / 2)),
                    Captions.endsSentence(w.text())));
        }
        return edges;
    }

    /** The nearest sentence edge within the tolerance; else, when inside a word, the nearest word edge. */
    private static double edge(double at, List<Edge> edges, List<Word> words) {
        Edge sentence = nearest(at, edges, true);
        if (sentence != null) {
            return sentence.at();
        }
        if (insideWord(at, words)) {
            Edge word = nearest(at, edges, false);
            if (word != null) {
                return word.at();
            }
        }
        return at;
    }

    private static Edge nearest(double at, List<Edge> edges, boolean sentencesOnly) {
        Edge best = null;
        for (Edge e : edges) {
            if ((!sentencesOnly || e.sentence()) && Math.abs(e.at() - at) <= TOLERANCE_SECONDS
                    && (best == null || Math.abs(e.at() - at) < Math.abs(best.at() - at))) {
                best = e;
            }
        }
        return best;
    }

    static boolean insideWord(double at, List<Word> words) {
        return words.stream().anyMatch(w -> w.start() < at && at < w.end());
    }

    private static boolean fits(List<PlannedClip> clips, int index, double start, double end, AutoSelection options,
            double sourceDuration) {
        double length = end - start;
        if (start < 0 || end > sourceDuration || length < options.clipMinSeconds() - 1e-9
                || length > options.clipMaxSeconds() + 1e-9) {
            return false;
        }
        for (int j = 0; j < clips.size(); j++) {
            if (j != index && clips.get(j).start() < end && clips.get(j).end() > start) {
                return false;
            }
        }
        return true;
    }

    private SpeechEdges() {
    }
}

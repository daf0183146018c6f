package dev.clipflow.clipworker.selection.auto;

import java.util.List;

/** The chosen moments ordered by time, and a note (null when nothing needs saying, e.g. fewer clips than asked). */
public record AutoSelectionResult(List<SelectedMoment> moments, String note) {

    public AutoSelectionResult {
        moments = List.copyOf(moments);
    }
}

package dev.clipflow.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command below normal CPU priority ({@code nice}); whatever it starts (a service's ffmpeg) inherits that. For
 * a stack whose checks have no tight time bounds, sharing two cores with one whose checks do: the kernel then gives
 * the low-priority stack the CPU the other one leaves idle while it waits on restarts and timeouts, instead of
 * slowing that one down. See docs/architecture.md, "Running".
 */
public final class CpuPriority {

    /** Nice 10: about a tenth of a core's share against a process at the default 0, all of it when that one waits. */
    private static final List<String> BACKGROUND = List.of("nice", "-n", "10");

    public static List<String> background(List<String> command) {
        List<String> niced = new ArrayList<>(BACKGROUND);
        niced.addAll(command);
        return niced;
    }

    private CpuPriority() {
    }
}

package dev.clipflow.e2e;

import java.util.EnumMap;
import java.util.Map;

/** One running Clipflow per storage mode for the whole test run: starting four services costs seconds. */
final class SharedStacks {

    private static final Map<ClipflowStack.Storage, ClipflowStack> STACKS = new EnumMap<>(ClipflowStack.Storage.class);

    static synchronized ClipflowStack get(ClipflowStack.Storage storage) throws Exception {
        ClipflowStack stack = STACKS.get(storage);
        if (stack == null) {
            stack = ClipflowStack.start(storage);
            STACKS.put(storage, stack);
            ClipflowStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "clipflow-e2e-" + storage));
        }
        return stack;
    }

    private SharedStacks() {
    }
}

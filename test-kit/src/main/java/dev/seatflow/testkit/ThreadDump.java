package dev.seatflow.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread of this JVM with its whole stack, into the log: what a test records when something
 * it waits for hangs, so that a failure seen once in CI says what was blocked where.
 */
public final class ThreadDump {

    private static final Logger log = LoggerFactory.getLogger(ThreadDump.class);

    private ThreadDump() {
    }

    public static void log(String why) {
        StringBuilder dump = new StringBuilder("thread dump (").append(why).append("):\n");
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        Arrays.sort(threads, Comparator.comparing(ThreadInfo::getThreadName));
        for (ThreadInfo thread : threads) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        log.error("{}", dump);
    }
}

package io.churnwatch.devstack;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory a JobManager or TaskManager process gets, derived from its total process size the way
 * Flink's start scripts do it (they call {@code BashJavaUtils}, which is not on our classpath and
 * has no API): metaspace and JVM overhead come off the process size, then the fixed framework
 * parts, managed memory and network memory off the rest, and the heap is what remains. The result
 * is handed to the process both as configuration and as the matching JVM flags; TaskManagerRunner
 * refuses to start without the former, and without the latter the JVM would not enforce it.
 *
 * <p>The fractions and bounds are Flink's defaults, so the web UI shows the same split as on a
 * cluster started by {@code taskmanager.sh}: for the default 1728m, 384m task heap, 512m managed,
 * 128m network.
 */
final class FlinkMemory {

    static final long MIB = 1024 * 1024;

    private static final long METASPACE = 256 * MIB;
    private static final double JVM_OVERHEAD_FRACTION = 0.1;
    private static final long JVM_OVERHEAD_MIN = 192 * MIB;
    private static final long JVM_OVERHEAD_MAX = 1024 * MIB;
    private static final long FRAMEWORK_HEAP = 128 * MIB;
    private static final long FRAMEWORK_OFF_HEAP = 128 * MIB;
    private static final long TASK_OFF_HEAP = 0;
    private static final double MANAGED_FRACTION = 0.4;
    private static final double NETWORK_FRACTION = 0.1;
    private static final long NETWORK_MIN = 64 * MIB;
    private static final long NETWORK_MAX = 1024 * MIB;
    private static final long JOB_MANAGER_OFF_HEAP = 128 * MIB;

    private FlinkMemory() {}

    /** What {@code taskmanager.sh} computes for {@code taskmanager.memory.process.size}. */
    record TaskManager(
            int cpuCores,
            long frameworkHeap,
            long taskHeap,
            long frameworkOffHeap,
            long taskOffHeap,
            long managed,
            long network,
            long metaspace,
            long jvmOverhead) {

        Map<String, String> configuration() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("taskmanager.cpu.cores", cpuCores + ".0");
            c.put("taskmanager.memory.framework.heap.size", bytes(frameworkHeap));
            c.put("taskmanager.memory.task.heap.size", bytes(taskHeap));
            c.put("taskmanager.memory.framework.off-heap.size", bytes(frameworkOffHeap));
            c.put("taskmanager.memory.task.off-heap.size", bytes(taskOffHeap));
            c.put("taskmanager.memory.managed.size", bytes(managed));
            // min = max: the network size is fixed here, as the scripts fix it.
            c.put("taskmanager.memory.network.min", bytes(network));
            c.put("taskmanager.memory.network.max", bytes(network));
            c.put("taskmanager.memory.jvm-metaspace.size", bytes(metaspace));
            c.put("taskmanager.memory.jvm-overhead.min", bytes(jvmOverhead));
            c.put("taskmanager.memory.jvm-overhead.max", bytes(jvmOverhead));
            return c;
        }

        /** Managed memory is native and outside every JVM limit, so it appears in no flag. */
        List<String> jvmArgs() {
            long heap = frameworkHeap + taskHeap;
            return List.of(
                    "-Xmx" + heap,
                    "-Xms" + heap,
                    "-XX:MaxDirectMemorySize=" + (frameworkOffHeap + taskOffHeap + network),
                    "-XX:MaxMetaspaceSize=" + metaspace);
        }

        long processSize() {
            return frameworkHeap
                    + taskHeap
                    + frameworkOffHeap
                    + taskOffHeap
                    + managed
                    + network
                    + metaspace
                    + jvmOverhead;
        }
    }

    /** What {@code jobmanager.sh} computes for {@code jobmanager.memory.process.size}. */
    record JobManager(long heap, long offHeap, long metaspace, long jvmOverhead) {

        Map<String, String> configuration() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("jobmanager.memory.heap.size", bytes(heap));
            c.put("jobmanager.memory.off-heap.size", bytes(offHeap));
            c.put("jobmanager.memory.jvm-metaspace.size", bytes(metaspace));
            c.put("jobmanager.memory.jvm-overhead.min", bytes(jvmOverhead));
            c.put("jobmanager.memory.jvm-overhead.max", bytes(jvmOverhead));
            // Off by default in Flink; on here so that the off-heap size is a limit, not a hint.
            c.put("jobmanager.memory.enable-jvm-direct-memory-limit", "true");
            return c;
        }

        List<String> jvmArgs() {
            return List.of(
                    "-Xmx" + heap,
                    "-Xms" + heap,
                    "-XX:MaxDirectMemorySize=" + offHeap,
                    "-XX:MaxMetaspaceSize=" + metaspace);
        }

        long processSize() {
            return heap + offHeap + metaspace + jvmOverhead;
        }
    }

    static TaskManager taskManager(long processSize, int slots) {
        long totalFlink = processSize - METASPACE - jvmOverhead(processSize);
        long managed = fraction(totalFlink, MANAGED_FRACTION);
        long network = clamp(fraction(totalFlink, NETWORK_FRACTION), NETWORK_MIN, NETWORK_MAX);
        long taskHeap = totalFlink - FRAMEWORK_HEAP - FRAMEWORK_OFF_HEAP - TASK_OFF_HEAP - managed - network;
        if (taskHeap <= 0) {
            throw new IllegalArgumentException("a TaskManager of " + mebibytes(processSize)
                    + " leaves no task heap (framework, managed and network memory take "
                    + mebibytes(totalFlink - taskHeap) + " of " + mebibytes(totalFlink)
                    + " Flink memory); give it at least 1g");
        }
        return new TaskManager(
                slots,
                FRAMEWORK_HEAP,
                taskHeap,
                FRAMEWORK_OFF_HEAP,
                TASK_OFF_HEAP,
                managed,
                network,
                METASPACE,
                jvmOverhead(processSize));
    }

    static JobManager jobManager(long processSize) {
        long totalFlink = processSize - METASPACE - jvmOverhead(processSize);
        long heap = totalFlink - JOB_MANAGER_OFF_HEAP;
        if (heap < 128 * MIB) {
            throw new IllegalArgumentException(
                    "a JobManager of " + mebibytes(processSize) + " leaves less than 128m heap; give it at least 768m");
        }
        return new JobManager(heap, JOB_MANAGER_OFF_HEAP, METASPACE, jvmOverhead(processSize));
    }

    /** Parses Flink's and the JVM's size notation: {@code 1728m}, {@code 2g}, {@code 1048576}. */
    static long parseSize(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024;
            case 'm' -> unit = MIB;
            case 'g' -> unit = 1024 * MIB;
            default -> {}
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "\"" + size + "\" is not a memory size (write it as 1728m, 2g or a number of bytes)");
        }
    }

    private static long jvmOverhead(long processSize) {
        return clamp(fraction(processSize, JVM_OVERHEAD_FRACTION), JVM_OVERHEAD_MIN, JVM_OVERHEAD_MAX);
    }

    // Flink's MemorySize.multiply: exact decimal product, truncated to whole bytes.
    private static long fraction(long bytes, double fraction) {
        return BigDecimal.valueOf(bytes).multiply(BigDecimal.valueOf(fraction)).longValue();
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String bytes(long bytes) {
        return bytes + "b";
    }

    private static String mebibytes(long bytes) {
        return bytes / MIB + "m";
    }
}

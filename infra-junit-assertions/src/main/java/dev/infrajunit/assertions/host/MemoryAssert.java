package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;

import dev.infrajunit.assertions.facts.Memory;
import dev.infrajunit.backup.Sizes;
import dev.infrajunit.assertions.facts.Memory.MemInfo;
import dev.infrajunit.assertions.host.Subjects.HostMemory;

/**
 * Assertions about memory that programs can still get ({@code MemAvailable}):
 * {@code assertThat(host).memory().hasAvailableAtLeast("512M")}.
 */
public class MemoryAssert extends HostSubjectAssert<MemoryAssert, HostMemory> {

    public MemoryAssert(HostMemory memory) {
        super(memory, MemoryAssert.class);
    }

    /**
     * At least this much, written as {@code 512MiB}, {@code 2GiB} (binary) or {@code 512MB}, {@code 2GB}
     * (decimal), or plain bytes; the same sizes as backup policies' {@code minSize}.
     */
    public MemoryAssert hasAvailableAtLeast(String size) {
        return hasAvailableAtLeast(Sizes.parse(size));
    }

    public MemoryAssert hasAvailableAtLeast(long bytes) {
        MemInfo memory = Memory.read(host());
        if (memory.availableBytes() < bytes) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to be at least " + Sizes.format(bytes),
                    "it is " + Sizes.format(memory.availableBytes()) + " of " + Sizes.format(memory.totalBytes()), Memory.SOURCE));
        }
        return this;
    }

    /** At least this percentage of all memory. */
    public MemoryAssert hasAvailablePercentAtLeast(int percent) {
        MemInfo memory = Memory.read(host());
        double available = 100.0 * memory.availableBytes() / memory.totalBytes();
        if (available < percent) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to be at least " + percent + "% of all memory",
                    "it is " + Math.round(Math.floor(available)) + "%, " + Sizes.format(memory.availableBytes()) + " of "
                            + Sizes.format(memory.totalBytes()), Memory.SOURCE));
        }
        return this;
    }
}

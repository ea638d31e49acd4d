package dev.lanyard.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllocationMeterTest {
    @Test
    void seesAllocationsSoThatItsZerosMeanSomething() {
        List<byte[]> sink = new ArrayList<>();
        long allocated = AllocationMeter.bytesAllocatedBy(() -> sink.add(new byte[1000]));
        assertTrue(allocated >= 1000, allocated + " bytes");
    }
}

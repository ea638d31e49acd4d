package dev.lanyard.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

/** The spin window: poll without blocking while frames came lately, block in epoll once they stop. */
class AdaptivePollTest {
    @Test
    void pollsWithoutBlockingWithinTheWindowAfterFramesAndBlocksOnceItPasses() throws Exception {
        AdaptivePoll p = new AdaptivePoll(20_000);
        assertEquals(SelectStrategy.SELECT, p.calculateStrategy(() -> 0, false), "no frames yet: sleep");
        AdaptivePoll.tookFrames();
        assertEquals(3, p.calculateStrategy(() -> 3, false), "frames just came: poll, and take what is ready");
        assertEquals(0, p.calculateStrategy(() -> 0, false), "nothing ready, still in the window: poll again");
        Thread.sleep(40);
        assertEquals(SelectStrategy.SELECT, p.calculateStrategy(() -> 0, false), "the window passed: sleep");
    }

    @Test
    void pendingTasksAreNeverBlockedOn() throws Exception {
        AdaptivePoll p = new AdaptivePoll(1);
        assertEquals(2, p.calculateStrategy(() -> 2, true));
    }
}

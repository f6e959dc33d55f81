package io.github.mwoauth.demo.reliability;

import io.github.mwoauth.demo.DemoApplication;
import reactor.blockhound.BlockHound;

/**
 * The demo with BlockHound installed before it starts, as the instances of the reliability tests run: a blocking
 * call on an event loop fails that request (and is logged), which the tests see as a failed page.
 */
public final class BlockHoundDemo {

    private BlockHoundDemo() {
    }

    public static void main(String[] args) {
        BlockHound.install();
        DemoApplication.main(args);
    }
}

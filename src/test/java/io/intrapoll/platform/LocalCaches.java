package io.intrapoll.platform;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The application's caches as a node without cluster members starts them: real Infinispan, local to the test. */
public final class LocalCaches {

    /** Infinispan's start-up notes would come once per test; held, as the log manager holds loggers weakly. */
    private static final Logger INFINISPAN = Logger.getLogger("org.infinispan");

    static {
        INFINISPAN.setLevel(Level.WARNING);
    }

    private LocalCaches() {}

    /** Started with the production configuration (lifespans included); stop it with {@link #stop}. */
    public static Caches start() {
        Caches caches = new Caches();
        caches.members = Optional.empty();
        caches.nodeName = Optional.empty();
        caches.clusterName = "intrapoll-unit-test";
        caches.bindAddress = "127.0.0.1";
        caches.port = 0;
        caches.start();
        return caches;
    }

    public static void stop(Caches caches) {
        caches.stop();
    }
}

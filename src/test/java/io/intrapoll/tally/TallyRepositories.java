package io.intrapoll.tally;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.persistence.EntityManager;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The durable tallies' owner for unit tests of other packages: a real repository on the test's database. */
public final class TallyRepositories {

    private TallyRepositories() {}

    /** A repository that writes through em and records what it announces in announced. */
    public static TallyRepository on(EntityManager em, List<TalliesChanged> announced) {
        TallyRepository tallies = new TallyRepository();
        tallies.em = em;
        tallies.talliesChanged = new Recorded(announced);
        return tallies;
    }

    /** The CDI event, as far as the repository fires it: each change is kept, in order. */
    private record Recorded(List<TalliesChanged> announced) implements Event<TalliesChanged> {

        @Override
        public void fire(TalliesChanged change) {
            announced.add(change);
        }

        @Override
        public <U extends TalliesChanged> CompletionStage<U> fireAsync(U change) {
            fire(change);
            return CompletableFuture.completedFuture(change);
        }

        @Override
        public <U extends TalliesChanged> CompletionStage<U> fireAsync(U change, NotificationOptions options) {
            return fireAsync(change);
        }

        @Override
        public Event<TalliesChanged> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException("the repository fires unqualified events");
        }

        @Override
        public <U extends TalliesChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException("the repository fires unqualified events");
        }

        @Override
        public <U extends TalliesChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException("the repository fires unqualified events");
        }
    }
}

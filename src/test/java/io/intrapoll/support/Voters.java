package io.intrapoll.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The demo voters that integration tests act as, handed out so that no two tests share a voter by accident.
 *
 * <p>The demo registry (src/build/gen-demo-registry.sh) has voter1 to voter1000, each with its name as password, all
 * in employees: voter1 to voter500 in engineering, voter501 to voter1000 in sales. The integration tests run one
 * after another in one JVM, against servers that share one database and one cluster. So whatever one test does to a
 * voter stays with that voter for the rest of the run: a voting budget flooded (60 ballots a minute), a name locked
 * by wrong passwords (10 a minute), a failed sign-in the audit trail counts, a ballot. Instead of picking names, a
 * test takes its voters from here:
 *
 * <ul>
 *   <li>{@link #fresh()}, {@link #fresh(int)}: voters that nothing else in this run is handed; {@link
 *       #freshEngineer()} and {@link #freshSalesperson()} when the test needs the voter's group (a poll's audience).
 *   <li>{@link #freshToExhaust()}: a fresh voter whose budget the test means to use up.
 *   <li>{@link #crowd(int)}: many people who each cast a ballot or two. A crowd may share people with other crowds,
 *       because a ballot or two is far below every budget, but never with the fresh voters.
 *   <li>{@link #everyone()}: all thousand, for a test that needs the whole registry.
 * </ul>
 *
 * <p>The registry is split: fresh engineers from voter1 up to voter200, crowds from voter201 to voter800, fresh
 * salespeople from voter801 up to voter1000. The counting is per JVM. Failsafe runs every integration test in one JVM
 * (pom.xml leaves forkCount at its default of 1). With more forks, each fork would need a part of the registry of its
 * own.
 */
public final class Voters {

    /** How many voters the demo registry has. */
    static final int REGISTRY = 1000;

    /** voter1 to voter500 are in engineering, the others in sales. */
    static final int LAST_ENGINEER = 500;

    static final int FIRST_FRESH_ENGINEER = 1;
    static final int LAST_FRESH_ENGINEER = 200;
    static final int FIRST_IN_CROWDS = 201;
    static final int LAST_IN_CROWDS = 800;
    static final int FIRST_FRESH_SALESPERSON = 801;
    static final int LAST_FRESH_SALESPERSON = REGISTRY;

    /**
     * The period over which a budget refills (RateLimits: so many a minute, refilled continuously). A minute after a
     * budget was used up, it is whole again.
     */
    static final Duration BUDGET_PERIOD = Duration.ofMinutes(1);

    private static final Voters RUN = new Voters();

    private int nextEngineer = FIRST_FRESH_ENGINEER;
    private int nextSalesperson = FIRST_FRESH_SALESPERSON;
    private int crowdCursor;
    private long lastExhaustedAt;
    private boolean exhaustedAny;

    Voters() {}

    /** A voter nothing else in this run is handed, in either group. Use the group-specific methods when the group matters. */
    public static String fresh() {
        return RUN.takeFresh();
    }

    /** As many fresh voters. */
    public static List<String> fresh(int count) {
        List<String> voters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            voters.add(fresh());
        }
        return voters;
    }

    /** A fresh voter in engineering (and employees). */
    public static String freshEngineer() {
        return RUN.takeEngineer();
    }

    /** A fresh voter in sales (and employees), so not in engineering. */
    public static String freshSalesperson() {
        return RUN.takeSalesperson();
    }

    /**
     * A fresh voter whose budget the test uses up on purpose (a flood of ballots, wrong passwords). Such a voter is
     * fresh like any other. {@link #everyone()} also waits until its budget is whole again.
     */
    public static String freshToExhaust() {
        return RUN.takeToExhaust();
    }

    /**
     * This many different voters, each to cast a ballot or two: never fresh voters, but other crowds may include some
     * of them. Successive crowds start where the last one ended, wrapping around.
     */
    public static List<String> crowd(int size) {
        return RUN.takeCrowd(size);
    }

    /**
     * This many crowd voters of one group, "engineering" or "sales" (those between in the crowd's order are passed
     * over): for tests of breakdowns, whose ballots must come from known groups.
     */
    public static List<String> crowdIn(String group, int size) {
        return RUN.takeCrowdIn(group, size);
    }

    /**
     * Every demo voter, voter1 to voter1000, for a test that needs the whole registry. That includes the voters other
     * tests were handed. A ballot each is fine for them, except those whose budget was used up on purpose: so this
     * first waits until a budget period has passed since the last of them was handed out.
     */
    public static List<String> everyone() {
        Duration wait = RUN.untilExhaustedBudgetsRefill();
        if (!wait.isZero()) {
            System.out.println("Voters.everyone(): waiting " + wait.toSeconds()
                    + " s until the budgets other tests used up are whole again");
            Votes.sleep(wait.toMillis());
        }
        return IntStream.rangeClosed(1, REGISTRY).mapToObj(Voters::voter).toList();
    }

    /** Whether the demo registry puts this voter in engineering. */
    static boolean isEngineer(String voter) {
        return number(voter) <= LAST_ENGINEER;
    }

    synchronized String takeFresh() {
        int engineersLeft = LAST_FRESH_ENGINEER - nextEngineer + 1;
        int salespeopleLeft = LAST_FRESH_SALESPERSON - nextSalesperson + 1;
        return engineersLeft >= salespeopleLeft ? takeEngineer() : takeSalesperson();
    }

    synchronized String takeEngineer() {
        if (nextEngineer > LAST_FRESH_ENGINEER) {
            throw runOut("engineer", FIRST_FRESH_ENGINEER, LAST_FRESH_ENGINEER);
        }
        return voter(nextEngineer++);
    }

    synchronized String takeSalesperson() {
        if (nextSalesperson > LAST_FRESH_SALESPERSON) {
            throw runOut("salesperson", FIRST_FRESH_SALESPERSON, LAST_FRESH_SALESPERSON);
        }
        return voter(nextSalesperson++);
    }

    synchronized String takeToExhaust() {
        String voter = takeFresh();
        exhaustedAny = true;
        lastExhaustedAt = System.nanoTime();
        return voter;
    }

    synchronized List<String> takeCrowd(int size) {
        int inCrowds = LAST_IN_CROWDS - FIRST_IN_CROWDS + 1;
        if (size < 0 || size > inCrowds) {
            throw new IllegalArgumentException("a crowd has 0 to " + inCrowds + " voters (voter" + FIRST_IN_CROWDS
                    + " to voter" + LAST_IN_CROWDS + "), not " + size);
        }
        List<String> crowd = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            crowd.add(voter(FIRST_IN_CROWDS + (crowdCursor + i) % inCrowds));
        }
        crowdCursor = (crowdCursor + size) % inCrowds;
        return crowd;
    }

    synchronized List<String> takeCrowdIn(String group, int size) {
        if (!group.equals("engineering") && !group.equals("sales")) {
            throw new IllegalArgumentException("the demo registry's groups are engineering and sales, not " + group);
        }
        int inCrowds = LAST_IN_CROWDS - FIRST_IN_CROWDS + 1;
        List<String> crowd = new ArrayList<>(size);
        for (int looked = 0; crowd.size() < size && looked < inCrowds; looked++) {
            String voter = voter(FIRST_IN_CROWDS + crowdCursor);
            crowdCursor = (crowdCursor + 1) % inCrowds;
            if (isEngineer(voter) == group.equals("engineering")) {
                crowd.add(voter);
            }
        }
        if (crowd.size() < size) {
            throw new IllegalArgumentException("the crowd holds fewer than " + size + " of " + group);
        }
        return crowd;
    }

    /** How long until every budget used up through {@link #takeToExhaust()} is whole again; zero if none was. */
    synchronized Duration untilExhaustedBudgetsRefill() {
        if (!exhaustedAny) {
            return Duration.ZERO;
        }
        Duration since = Duration.ofNanos(System.nanoTime() - lastExhaustedAt);
        return since.compareTo(BUDGET_PERIOD) >= 0 ? Duration.ZERO : BUDGET_PERIOD.minus(since);
    }

    static String voter(int number) {
        return "voter" + number;
    }

    static int number(String voter) {
        if (!voter.matches("voter[1-9][0-9]*")) {
            throw new IllegalArgumentException("not a demo voter: " + voter);
        }
        return Integer.parseInt(voter.substring("voter".length()));
    }

    private static IllegalStateException runOut(String kind, int first, int last) {
        return new IllegalStateException("No fresh " + kind + " left: voter" + first + " to voter" + last
                + " have all been handed out in this run. A test that needs many people, each casting a ballot or"
                + " two, takes Voters.crowd(n) instead.");
    }
}

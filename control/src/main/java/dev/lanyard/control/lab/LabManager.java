package dev.lanyard.control.lab;

import dev.lanyard.control.netns.NetNamespaces;
import dev.lanyard.control.reconcile.Action;
import dev.lanyard.control.reconcile.LabRecord;
import dev.lanyard.control.reconcile.LabRecordStore;
import dev.lanyard.control.reconcile.ObservedState;
import dev.lanyard.control.reconcile.Plan;
import dev.lanyard.control.reconcile.Planner;
import dev.lanyard.control.reconcile.Preflight;
import dev.lanyard.control.reconcile.RecordedLink;
import dev.lanyard.control.topology.Layout;
import dev.lanyard.control.topology.Topologies;
import dev.lanyard.control.topology.Topology;
import dev.lanyard.control.topology.TopologyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Brings labs up and down: observe what exists, check the topology against it, plan the difference, and carry the
 * plan out with an intent log (every action is recorded before any is done, so a crash leaves a record that covers
 * it and the next run finishes the job). One lab at a time per process and, through a lock file, per machine.
 */
public final class LabManager {
    private static final long GONE_WAIT_MILLIS = 5_000;

    private final LabPaths paths;
    private final LabRecordStore store;
    private final NetNamespaces netns;
    private final SystemObserver observer;

    /** A manager keeping its state under {@code paths}. */
    public LabManager(LabPaths paths, NetNamespaces netns) {
        this.paths = paths;
        this.store = new LabRecordStore(paths.base());
        this.netns = netns;
        this.observer = new SystemObserver(netns);
    }

    /** Where labs keep their state. */
    public LabPaths paths() {
        return paths;
    }

    /** The record of a lab (empty when it has none). */
    public LabRecord record(String lab) throws IOException {
        return store.load(lab);
    }

    /** What {@code up} would do now, without doing it. Throws when the topology clashes with the system. */
    public Plan planUp(Topology t) throws IOException, TopologyException {
        LabRecord record = store.load(t.lab());
        ObservedState observed = observe(t, record);
        Preflight.check(t, observed, record);
        return Planner.up(t, observed, record);
    }

    /**
     * Makes the system match the topology and records what the lab owns; returns the plan that was carried out
     * (empty when everything was already there). {@code topologyText} is kept for the daemon.
     */
    @SuppressWarnings("try")
    public Plan up(Topology t, String topologyText, Consumer<Action> progress) throws IOException, TopologyException {
        try (LabLock lock = LabLock.take(paths.base(), t.lab())) {
            paths.ensureDir(t.lab());
            LabRecord record = store.load(t.lab());
            Timings.mark("up: locked, record loaded");
            ObservedState observed = observe(t, record);
            Timings.mark("up: observed");
            Preflight.check(t, observed, record);
            Plan plan = Planner.up(t, observed, record);
            Timings.mark("up: planned " + plan.actions().size() + " actions");
            boolean fresh = record.ownsNothing();
            record = run(plan, record, quietDevices(t), progress);
            Timings.mark("up: applied");
            if (!fresh) {
                // A record from before may hold intents a crash left unrealised: keep only what exists.
                record = record.prunedTo(observe(t, record));
            }
            record = record.withTopology(t.file(), Topologies.hash(t));
            store.save(record);
            Files.writeString(paths.topology(t.lab()), topologyText, StandardCharsets.UTF_8);
            return plan;
        }
    }

    /** What {@code down} would remove now. */
    public Plan planDown(String lab) throws IOException {
        LabRecord record = store.load(lab);
        return Planner.down(record, observeForDown(record));
    }

    /** What a down needs to see: the namespaces it deletes only as existing, everything else in full. */
    private ObservedState observeForDown(LabRecord record) throws IOException {
        Set<String> names = new LinkedHashSet<>(record.namespaces());
        for (RecordedLink l : record.links()) {
            for (RecordedLink.Place p : l.ends()) {
                names.add(p.namespace());
            }
        }
        return observer.observe(names, Set.copyOf(record.namespaces()));
    }

    /**
     * Removes exactly what the lab's record owns and then the record. The daemon must be stopped first (its
     * sockets keep namespaces alive).
     */
    @SuppressWarnings("try")
    public Plan down(String lab, Consumer<Action> progress) throws IOException {
        try (LabLock lock = LabLock.take(paths.base(), lab)) {
            LabRecord record = store.load(lab);
            Plan plan = Planner.down(record, observeForDown(record));
            Timings.mark("down: planned " + plan.actions().size() + " actions");
            LabRecord before = record;
            record = run(plan, record, Set.of(), progress);
            Timings.mark("down: applied");
            record = awaitGone(before, record);
            Timings.mark("down: all gone");
            if (record.ownsNothing()) {
                forget(lab);
            } else {
                store.save(record);
                throw new IOException("lab " + lab + " still owns " + record.namespaces() + " " + record.links()
                        + " after down; run lanyard down " + lab + " again");
            }
            return plan;
        }
    }

    /**
     * The record pruned to what still exists, once that is nothing or after a few seconds: the kernel tears a deleted
     * namespace down in the background, and the root-side ends of its veths go with it some tens of ms later, so
     * {@code down} returns only when they are really gone.
     */
    private LabRecord awaitGone(LabRecord before, LabRecord after) throws IOException {
        long deadline = System.currentTimeMillis() + GONE_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && anyLeft(before, observeForDown(before))) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return after.prunedTo(observeForDown(after));
    }

    private static boolean anyLeft(LabRecord record, ObservedState observed) {
        for (String ns : record.namespaces()) {
            if (observed.hasNamespace(ns)) {
                return true;
            }
        }
        for (RecordedLink l : record.links()) {
            for (RecordedLink.Place p : l.ends()) {
                if (observed.link(p.namespace(), p.name()).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes the lab's state directory if the lab owns nothing (after a refused or failed first up). */
    public void forgetIfEmpty(String lab) throws IOException {
        if (store.load(lab).ownsNothing()) {
            forget(lab);
        }
    }

    /** Removes everything the lab kept under the state directory: record, topology, log, lock. */
    private void forget(String lab) throws IOException {
        store.delete(lab);
        Path dir = paths.dir(lab);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        Files.deleteIfExists(LabLock.file(paths.base(), lab));
    }

    /**
     * Carries a plan out (in parallel where its actions allow). Every intent is recorded in one write before the
     * first action, so whatever a crash leaves is covered by the record (and the next run prunes what was never
     * made); completion is recorded at the end, also when an action failed.
     */
    private LabRecord run(Plan plan, LabRecord record, Set<String> quiet, Consumer<Action> progress)
            throws IOException {
        if (plan.isEmpty()) {
            return record;
        }
        LabRecord r = record;
        for (Action a : plan.actions()) {
            r = r.intending(a);
        }
        store.save(r);
        PlanRunner.Outcome outcome;
        try (Applier applier = new Applier(netns, quiet)) {
            outcome = new PlanRunner(applier).run(plan, progress);
        }
        for (Action a : outcome.completed()) {
            r = r.completed(a);
        }
        store.save(r);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return r;
    }

    private ObservedState observe(Topology t, LabRecord record) throws IOException {
        Set<String> names = new LinkedHashSet<>(Layout.of(t).namespaceNames());
        names.addAll(record.namespaces());
        return observer.observe(names);
    }

    /** The switch-side ends of a topology ("namespace/name"): they get no IPv6 of their own. */
    private static Set<String> quietDevices(Topology t) {
        Set<String> keys = new LinkedHashSet<>();
        for (Layout.Device d : Layout.of(t).devices()) {
            if (d.role() == Layout.Role.PORT) {
                keys.add(d.namespace() + "/" + d.name());
            }
        }
        return keys;
    }
}

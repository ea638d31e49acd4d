package dev.lanyard.control.reconcile;

/** Runs plans on a {@link FakeSystem} the way the real applier must: intent recorded before, deletion after. */
final class Applier {
    private final FakeSystem system;
    private LabRecord record;

    Applier(FakeSystem system, LabRecord record) {
        this.system = system;
        this.record = record;
    }

    LabRecord record() {
        return record;
    }

    void run(Plan plan) {
        runUntil(plan, plan.actions().size());
    }

    /**
     * Runs the first {@code crashAt} actions, then records the intent of the next one and "crashes" before doing
     * it, as a kill -9 between saving the record and the netlink call would.
     */
    void runUntil(Plan plan, int crashAt) {
        for (int i = 0; i < plan.actions().size(); i++) {
            Action a = plan.actions().get(i);
            record = record.intending(a);
            if (i == crashAt) {
                return;
            }
            system.apply(a);
            record = record.completed(a);
        }
    }
}

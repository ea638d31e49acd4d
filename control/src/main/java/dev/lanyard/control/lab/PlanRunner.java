package dev.lanyard.control.lab;

import dev.lanyard.control.reconcile.Action;
import dev.lanyard.control.reconcile.LinkEnd;
import dev.lanyard.control.reconcile.Plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Carries a plan out on several threads, in an order its actions allow: an action waits for the earlier actions
 * that made or touched the namespace and devices it uses; a route waits for everything before it in its namespace;
 * a deletion waits for everything before it and everything after waits for it. A lab's hosts are independent
 * chains (namespace, veth, addresses, links up, routes), so a 100-host lab is built about as fast as the kernel
 * allows on the machine's cores.
 */
final class PlanRunner {
    private static final int THREADS = Integer.getInteger("lanyard.applyThreads", 8);

    private final Applier applier;

    PlanRunner(Applier applier) {
        this.applier = applier;
    }

    /** What a run did: the actions completed, and the first failure (null when none). */
    record Outcome(List<Action> completed, IOException failure) {
    }

    /** Runs the plan; {@code progress} hears of each action as it completes (from several threads, one at a time). */
    Outcome run(Plan plan, Consumer<Action> progress) {
        List<Action> actions = plan.actions();
        boolean deletesOnly = actions.stream().allMatch(a -> a instanceof Action.DeleteNamespace
                || a instanceof Action.DeleteLink || a instanceof Action.DeleteAddress
                || a instanceof Action.DeleteRoute);
        if (THREADS <= 1 || deletesOnly) {
            return inOrder(actions, progress);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, actions.size())), r -> {
            Thread t = new Thread(r, "lanyard-apply");
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        Map<String, CompletableFuture<Void>> last = new HashMap<>();
        Map<String, List<CompletableFuture<Void>>> inNamespace = new HashMap<>();
        CompletableFuture<Void> barrier = CompletableFuture.completedFuture(null);
        try {
            for (Action a : actions) {
                List<CompletableFuture<Void>> deps = new ArrayList<>();
                deps.add(barrier);
                boolean global = a instanceof Action.DeleteNamespace || a instanceof Action.DeleteLink;
                if (global) {
                    deps.addAll(futures);
                }
                List<String> places = places(a);
                for (String p : places) {
                    CompletableFuture<Void> f = last.get(p);
                    if (f != null) {
                        deps.add(f);
                    }
                }
                String routeNs = routeNamespace(a);
                if (routeNs != null) {
                    deps.addAll(inNamespace.getOrDefault(routeNs, List.of()));
                }
                CompletableFuture<Void> f = CompletableFuture.allOf(deps.toArray(new CompletableFuture<?>[0]))
                        .thenRunAsync(() -> {
                            try {
                                applier.apply(a);
                            } catch (IOException | RuntimeException e) {
                                throw new CompletionException(new IOException(a.render() + ": " + e.getMessage(), e));
                            }
                            synchronized (progress) {
                                progress.accept(a);
                            }
                        }, pool);
                futures.add(f);
                for (String p : places) {
                    last.put(p, f);
                    inNamespace.computeIfAbsent(namespaceOf(p), k -> new ArrayList<>()).add(f);
                }
                if (global) {
                    barrier = f;
                }
            }
            List<Action> done = new ArrayList<>();
            IOException failure = null;
            for (int i = 0; i < actions.size(); i++) {
                try {
                    futures.get(i).join();
                    done.add(actions.get(i));
                } catch (CompletionException e) {
                    if (failure == null) {
                        failure = rootIo(e);
                    }
                }
            }
            return new Outcome(done, failure);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the actions one after another on this thread, up to the first failure. A plan of deletions (a down)
     * has no parallelism to win: each one waits for everything before it.
     */
    private Outcome inOrder(List<Action> actions, Consumer<Action> progress) {
        List<Action> done = new ArrayList<>();
        for (Action a : actions) {
            try {
                applier.apply(a);
            } catch (IOException | RuntimeException e) {
                return new Outcome(done, new IOException(a.render() + ": " + e.getMessage(), e));
            }
            done.add(a);
            progress.accept(a);
        }
        return new Outcome(done, null);
    }

    private static IOException rootIo(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
    }

    /** The places an action needs or changes: "ns:NAME" and "dev:NS/NAME" ("" is the root namespace). */
    static List<String> places(Action a) {
        List<String> p = new ArrayList<>();
        if (a instanceof Action.CreateNamespace c) {
            p.add("ns:" + c.name());
        } else if (a instanceof Action.DeleteNamespace d) {
            p.add("ns:" + d.name());
        } else if (a instanceof Action.CreateVeth v) {
            end(p, v.a());
            end(p, v.b());
        } else if (a instanceof Action.CreateTap t) {
            device(p, t.namespace(), t.name());
        } else if (a instanceof Action.DeleteLink d) {
            device(p, d.namespace(), d.name());
        } else if (a instanceof Action.SetLinkUp u) {
            device(p, u.namespace(), u.name());
        } else if (a instanceof Action.SetMtu m) {
            device(p, m.namespace(), m.name());
        } else if (a instanceof Action.SetMac m) {
            device(p, m.namespace(), m.name());
        } else if (a instanceof Action.AddAddress x) {
            device(p, x.namespace(), x.name());
        } else if (a instanceof Action.DeleteAddress x) {
            device(p, x.namespace(), x.name());
        } else if (a instanceof Action.AddRoute r) {
            p.add("route:" + r.namespace());
        } else if (a instanceof Action.DeleteRoute r) {
            p.add("route:" + r.namespace());
        }
        return p;
    }

    private static void end(List<String> p, LinkEnd e) {
        device(p, e.namespace(), e.name());
    }

    private static void device(List<String> p, String namespace, String name) {
        if (!namespace.isEmpty()) {
            p.add("ns:" + namespace);
        }
        p.add("dev:" + namespace + "/" + name);
    }

    private static String routeNamespace(Action a) {
        if (a instanceof Action.AddRoute r) {
            return r.namespace();
        }
        if (a instanceof Action.DeleteRoute r) {
            return r.namespace();
        }
        return null;
    }

    private static String namespaceOf(String place) {
        if (place.startsWith("ns:")) {
            return place.substring(3);
        }
        if (place.startsWith("route:")) {
            return place.substring(6);
        }
        String rest = place.substring(4);
        return rest.substring(0, rest.indexOf('/'));
    }
}

package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.LinkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a lab owns on the system: the namespaces and links it created. Kept as an intent log: the applier records
 * an object ({@link #intending}) and saves the record before it creates the object, and forgets it
 * ({@link #completed}) only after deleting it, so after a crash the record covers everything that may exist.
 * {@code down} removes exactly what the record holds; nothing else is ever touched.
 *
 * @param version       the record format, {@link #VERSION}
 * @param lab           the lab name
 * @param topologyFile  the topology file of the last completed {@code up}, or null
 * @param topologyHash  {@code Topologies.hash} of that topology, or null
 * @param namespaces    the namespaces the lab owns, in creation order
 * @param links         the links the lab owns, in creation order
 */
public record LabRecord(int version, String lab, String topologyFile, String topologyHash, List<String> namespaces,
                        List<RecordedLink> links) {
    /** The record format this code writes. */
    public static final int VERSION = 1;

    /** Copies the lists; a missing list (from JSON) is empty. */
    public LabRecord {
        Objects.requireNonNull(lab, "lab");
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The record of a lab that owns nothing. */
    public static LabRecord empty(String lab) {
        return new LabRecord(VERSION, lab, null, null, List.of(), List.of());
    }

    /** Whether the lab owns nothing. */
    public boolean ownsNothing() {
        return namespaces.isEmpty() && links.isEmpty();
    }

    /** Whether the lab owns the namespace. */
    public boolean ownsNamespace(String name) {
        return namespaces.contains(name);
    }

    /** Whether the device {@code device}, seen in {@code namespace}, is an end of a link the lab owns. */
    public boolean owns(String namespace, ObservedLink device) {
        return links.stream().anyMatch(l -> l.describes(namespace, device));
    }

    /**
     * This record without the objects that do not exist on the system: intents a crash kept from being carried out,
     * and objects removed by hand. Applied after a plan has run, so that a completed {@code down} leaves a record
     * that owns nothing (and can be deleted) even when the run it cleans up after died between recording an intent
     * and acting on it.
     */
    public LabRecord prunedTo(ObservedState observed) {
        return new LabRecord(version, lab, topologyFile, topologyHash,
                namespaces.stream().filter(observed::hasNamespace).toList(),
                links.stream().filter(l -> Planner.presentEnd(l, observed).isPresent()).toList());
    }

    /** This record noting the topology an {@code up} completed. */
    public LabRecord withTopology(String file, String hash) {
        return new LabRecord(VERSION, lab, file, hash, namespaces, links);
    }

    /** This record with what {@code action} is about to create added; the same record for other actions. */
    public LabRecord intending(Action action) {
        if (action instanceof Action.CreateNamespace a && !namespaces.contains(a.name())) {
            List<String> more = new ArrayList<>(namespaces);
            more.add(a.name());
            return new LabRecord(version, lab, topologyFile, topologyHash, more, links);
        }
        RecordedLink link = null;
        if (action instanceof Action.CreateVeth a) {
            link = new RecordedLink(LinkKind.VETH, a.a().namespace(), a.a().name(), a.b().namespace(),
                    a.b().name());
        } else if (action instanceof Action.CreateTap a) {
            link = new RecordedLink(LinkKind.TAP, a.namespace(), a.name(), null, null);
        }
        RecordedLink added = link;
        if (added == null || links.stream().anyMatch(added::sameAs)) {
            return this;
        }
        List<RecordedLink> more = new ArrayList<>(links);
        more.add(added);
        return new LabRecord(version, lab, topologyFile, topologyHash, namespaces, more);
    }

    /**
     * This record with what {@code action} deleted removed: a namespace takes every link with an end in it along,
     * a deleted device takes its whole link. The same record for other actions.
     */
    public LabRecord completed(Action action) {
        if (action instanceof Action.DeleteNamespace a) {
            return new LabRecord(version, lab, topologyFile, topologyHash,
                    namespaces.stream().filter(n -> !n.equals(a.name())).toList(),
                    links.stream().filter(l -> !l.touches(a.name())).toList());
        }
        if (action instanceof Action.DeleteLink a) {
            return new LabRecord(version, lab, topologyFile, topologyHash, namespaces,
                    links.stream().filter(l -> !l.hasEnd(a.namespace(), a.name())).toList());
        }
        return this;
    }
}

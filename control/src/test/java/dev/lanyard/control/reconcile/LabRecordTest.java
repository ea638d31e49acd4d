package dev.lanyard.control.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.LinkKind;
import dev.lanyard.control.topology.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabRecordTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final Action VETH = new Action.CreateVeth(new LinkEnd("ns0", "eth0", MAC, 1500),
            new LinkEnd("", "vethabc", MAC, 1500));

    @TempDir
    Path dir;

    @Test
    void intentRecordsNamespacesAndLinksOnce() {
        LabRecord r = LabRecord.empty("lab")
                .intending(new Action.CreateNamespace("ns0"))
                .intending(new Action.CreateNamespace("ns0"))
                .intending(VETH)
                .intending(VETH)
                .intending(new Action.CreateTap("ns0", "tap0", MAC, 1500));
        assertEquals(List.of("ns0"), r.namespaces());
        assertEquals(List.of(new RecordedLink(LinkKind.VETH, "ns0", "eth0", "", "vethabc"),
                new RecordedLink(LinkKind.TAP, "ns0", "tap0", null, null)), r.links());
    }

    @Test
    void actionsThatCreateNothingLeaveTheRecordAlone() {
        LabRecord r = LabRecord.empty("lab");
        assertSame(r, r.intending(new Action.AddAddress("ns0", "eth0", Cidr.parse("10.0.0.1/24"))));
        assertSame(r, r.completed(new Action.SetLinkUp("ns0", "eth0")));
    }

    @Test
    void deletingANamespaceForgetsItAndEveryLinkWithAnEndInIt() {
        LabRecord r = LabRecord.empty("lab")
                .intending(new Action.CreateNamespace("ns0"))
                .intending(VETH)
                .intending(new Action.CreateTap("", "gw", MAC, 1500))
                .completed(new Action.DeleteNamespace("ns0"));
        assertEquals(List.of(), r.namespaces());
        assertEquals(List.of(new RecordedLink(LinkKind.TAP, "", "gw", null, null)), r.links());
    }

    @Test
    void deletingEitherEndForgetsTheVeth() {
        LabRecord r = LabRecord.empty("lab").intending(VETH);
        assertTrue(r.completed(new Action.DeleteLink("", "vethabc")).ownsNothing());
        assertTrue(r.completed(new Action.DeleteLink("ns0", "eth0")).ownsNothing());
        assertFalse(r.completed(new Action.DeleteLink("ns1", "eth0")).ownsNothing());
    }

    @Test
    void ownsOnlyDevicesOfTheRecordedKindAndPeer() {
        LabRecord r = LabRecord.empty("lab").intending(VETH);
        ObservedLink ours = new ObservedLink("vethabc", "veth", "eth0", "ns0", MAC, 1500, true, List.of());
        assertTrue(r.owns("", ours));
        assertTrue(r.owns("", new ObservedLink("vethabc", "veth", null, null, MAC, 1500, true, List.of())));
        assertFalse(r.owns("", new ObservedLink("vethabc", "veth", "other", "ns0", MAC, 1500, true, List.of())));
        assertFalse(r.owns("", new ObservedLink("vethabc", "veth", "eth0", "ns9", MAC, 1500, true, List.of())));
        assertFalse(r.owns("", new ObservedLink("vethabc", "bridge", null, null, MAC, 1500, true, List.of())));
        assertFalse(r.owns("ns0", ours));
    }

    @Test
    void pruningForgetsWhatDoesNotExistAndKeepsWhatDoes() {
        LabRecord r = LabRecord.empty("lab")
                .intending(new Action.CreateNamespace("ns0"))
                .intending(new Action.CreateNamespace("ns1"))
                .intending(VETH)
                .intending(new Action.CreateTap("", "gw", MAC, 1500));
        ObservedLink gw = new ObservedLink("gw", "tun", null, null, MAC, 1500, true, List.of());
        ObservedState observed = ObservedState.of(new ObservedNamespace(List.of(gw), List.of()),
                Map.of("ns0", ObservedNamespace.EMPTY));
        LabRecord pruned = r.prunedTo(observed);
        assertEquals(List.of("ns0"), pruned.namespaces());
        assertEquals(List.of(new RecordedLink(LinkKind.TAP, "", "gw", null, null)), pruned.links());
    }

    @Test
    void storeRoundTripsThroughJson() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        LabRecord r = LabRecord.empty("lab").intending(new Action.CreateNamespace("ns0")).intending(VETH)
                .intending(new Action.CreateTap("", "gw", MAC, 1500)).withTopology("lab.yaml", "abc123");
        store.save(r);
        assertEquals(r, store.load("lab"));
        assertEquals(List.of("record.json"), List.of(dir.resolve("lab").toFile().list()));
        String json = Files.readString(store.file("lab"));
        assertTrue(json.contains("\"topologyHash\" : \"abc123\""), json);
    }

    @Test
    void saveReplacesTheOldRecord() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        store.save(LabRecord.empty("lab").intending(new Action.CreateNamespace("ns0")));
        LabRecord newer = LabRecord.empty("lab").intending(new Action.CreateNamespace("ns1"));
        store.save(newer);
        assertEquals(newer, store.load("lab"));
    }

    @Test
    void missingRecordLoadsEmpty() throws IOException {
        assertEquals(LabRecord.empty("nothing"), new LabRecordStore(dir).load("nothing"));
    }

    @Test
    void deleteRemovesTheRecordAndItsDirectory() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        store.save(LabRecord.empty("lab"));
        store.delete("lab");
        assertFalse(Files.exists(store.directory("lab")));
        store.delete("lab");
    }

    @Test
    void deleteKeepsADirectoryWithOtherFilesInIt() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        store.save(LabRecord.empty("lab"));
        Files.writeString(store.directory("lab").resolve("docker0.sock"), "");
        store.delete("lab");
        assertFalse(Files.exists(store.file("lab")));
        assertTrue(Files.exists(store.directory("lab")));
    }

    @Test
    void recordOfAnotherLabIsRefused() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        store.save(LabRecord.empty("other"));
        Files.createDirectories(store.directory("lab"));
        Files.copy(store.file("other"), store.file("lab"));
        IOException e = assertThrows(IOException.class, () -> store.load("lab"));
        assertTrue(e.getMessage().contains("belongs to lab other, not lab"), e.getMessage());
    }

    @Test
    void corruptRecordIsReportedWithItsPath() throws IOException {
        LabRecordStore store = new LabRecordStore(dir);
        Files.createDirectories(store.directory("lab"));
        Files.writeString(store.file("lab"), "{not json");
        IOException e = assertThrows(IOException.class, () -> store.load("lab"));
        assertTrue(e.getMessage().startsWith("cannot read lab record " + store.file("lab")), e.getMessage());
    }
}

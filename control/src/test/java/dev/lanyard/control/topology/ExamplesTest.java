package dev.lanyard.control.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {
    /** Tests run in the module directory; the examples are at the root of the reactor. */
    private static final Path EXAMPLES = Path.of("..", "examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void thereIsAnExampleForEachLab() throws IOException {
        List<String> names = examples().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("lab1-loopback.yaml", "lab2-veth-pair.yaml", "lab2b-veth-pair-10-0-1.yaml",
                "lab2c-veth-root.yaml", "lab2d-veth-a1-a2.yaml", "lab3-docker0.yaml", "lab4-two-hosts-switch.yaml"),
                names);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParsesAndValidates(Path file) throws Exception {
        Topology t = Topologies.read(file);
        assertEquals(List.of(), Validator.problems(t));
    }

    @Test
    void lab1IsOneNamespaceAndNothingElse() throws Exception {
        Topology t = Topologies.read(EXAMPLES.resolve("lab1-loopback.yaml"));
        Layout layout = Layout.of(t);
        assertEquals(List.of("ns0"), layout.namespaceNames());
        assertEquals(List.of(), layout.devices());
    }

    @Test
    void lab2cHasOneEndInTheRootNamespace() throws Exception {
        Layout layout = Layout.of(Topologies.read(EXAMPLES.resolve("lab2c-veth-root.yaml")));
        assertEquals(List.of("ns0"), layout.namespaceNames());
        Layout.Link veth = layout.links().get(0);
        assertEquals("ns0", veth.a().namespace());
        assertEquals("", veth.b().namespace());
        assertEquals("veth1", veth.b().name());
        assertEquals(List.of(Cidr.parse("10.1.1.2/24")), veth.b().addresses());
    }

    @Test
    void lab4UsesTheVethNamesOfTheByHandVersion() throws Exception {
        Layout layout = Layout.of(Topologies.read(EXAMPLES.resolve("lab4-two-hosts-switch.yaml")));
        List<String> pairs = layout.portsOf("wq").stream()
                .map(l -> l.portDevice().name() + "/" + l.a().name() + "@" + l.a().namespace())
                .toList();
        assertEquals(List.of("wq2a1/a12wq@a1", "wq2a2/a22wq@a2"), pairs);
    }

    @Test
    void defaultLabIsTheDocker0Lab() {
        Topology t = Topologies.defaultLab();
        assertEquals("docker0", t.lab());
        assertEquals("default-lab.yaml", t.file());
        Switch s = t.switches().get(0);
        assertEquals(List.of("docker0"), t.switches().stream().map(Switch::name).toList());
        assertEquals(Cidr.parse("172.17.0.1/16"), s.gateway());
        assertEquals("docker0", s.gatewayInterface());
        assertEquals("", s.netns());
        assertEquals(List.of("ns0", "ns1", "ns2"), t.hosts().stream().map(Host::name).toList());
        for (int n = 0; n < 3; n++) {
            Host h = t.hosts().get(n);
            assertTrue(h.ownNamespace());
            assertEquals(List.of(), h.routes());
            Interface eth0 = h.interfaces().get(0);
            assertEquals(1, h.interfaces().size());
            assertEquals("eth0", eth0.name());
            assertEquals(List.of(Cidr.parse("172.17.0.10" + (n + 1) + "/16")), eth0.addresses());
            assertTrue(eth0.attachment() instanceof Attachment.SwitchPort p && p.switchName().equals("docker0")
                    && p.type() == PortType.VETH && p.settings().equals(PortSettings.DEFAULTS));
        }
    }

    @Test
    void lab3ExampleIsTheDefaultLabPlusRoutes() throws Exception {
        Topology example = Topologies.read(EXAMPLES.resolve("lab3-docker0.yaml"));
        Topology dflt = Topologies.defaultLab();
        assertEquals(dflt.switches(), example.switches());
        for (int n = 0; n < 3; n++) {
            assertEquals(dflt.hosts().get(n).interfaces(), example.hosts().get(n).interfaces());
            assertEquals(List.of(new Route(Cidr.defaultRoute(true), IpAddress.parse("172.17.0.1"), null)),
                    example.hosts().get(n).routes());
        }
    }
}

package dev.lanyard.bench.e2e.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderingTest {
    @Test
    void jsonRoundTripGivesBackTheSameReport() throws Exception {
        RunReport r = Fixtures.report();
        String json = JsonReport.render(r);
        assertEquals(r, JsonReport.parse(json));
        assertTrue(json.contains("\"failure\" : \"trafgen stopped: <oops> & \\\"why\\\"\""), json);
    }

    @Test
    void markdownHasARowPerMetricOfTheTestsRunAndAColumnPerSystem() {
        String md = MarkdownReport.render(Fixtures.report(), "chart.svg");
        assertTrue(md.contains("| metric | unit | better | lanyard | bridge | direct | lanyard/bridge |"), md);
        assertTrue(md.contains("| TCP 1 stream, default offloads | Gbit/s | ↑ | 11.50 | 21.50 | 31.50 | 0.53× |"), md);
        assertTrue(md.contains("| UDP round trip p50 | µs | ↓ | 30.0 | 15.0 | 5.0 | 2.00× |"), md);
        assertTrue(md.contains("![one panel per metric, systems side by side](chart.svg)"), md);
        assertTrue(!md.contains("ping average"), "ping was not run: " + md);
    }

    @Test
    void markdownShowsAFailureWithItsReasonAsAFootnote() {
        String md = MarkdownReport.render(Fixtures.report(), null);
        assertTrue(md.contains("| 64 B unicast: loss | % | ↓ | failed [1] | 0.1 | – |"), md);
        assertTrue(md.contains("[1] lanyard, 64 B frame rate: trafgen stopped: <oops> & \"why\""), md);
    }

    @Test
    void markdownHeadlinesLanyardAgainstTheBridgeWithoutRatiosOfPercentages() {
        String md = MarkdownReport.render(Fixtures.report(), null);
        assertTrue(md.contains("- 64 B unicast: delivered (higher is better): lanyard 0.250, bridge 0.500 Mpps: "
                + "**0.50×**"), md);
        assertTrue(md.contains("- 64 B unicast: loss (lower is better): lanyard failed, bridge 0.1 %\n"), md);
    }

    @Test
    void markdownKeepsEveryRoundAndTheSwitchReports() {
        String md = MarkdownReport.render(Fixtures.report(), null);
        assertTrue(md.contains("| UDP round trip p50 (µs) | 20.0 · 40.0 | 10.0 · 20.0 | 5.0 · 5.0 |"), md);
        assertTrue(md.contains("### lanyard, round 1\n\n```text\nport rx tx\n0 sw-h1 10 0\n```"), md);
        assertTrue(md.contains("- a note | with a pipe"), md);
    }

    @Test
    void svgIsWellFormedWithOnePanelPerChartedMetricOfTheTestsRun() throws Exception {
        RunReport r = Fixtures.report();
        String svg = SvgChart.render(r);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> expected = new ArrayList<>();
        for (Metric m : Metrics.charted()) {
            if (r.settings().tests().contains(m.test())) {
                expected.add(m.key());
            }
        }
        List<String> panels = new ArrayList<>();
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("panel")) {
                panels.add(g.getAttribute("data-metric"));
            }
        }
        assertEquals(expected, panels);
        assertTrue(svg.contains(">failed</text>"), "the failed loss of lanyard is marked");
        assertTrue(svg.contains(">n/a</text>"), "the switch CPU of direct is marked as not applicable");
    }

    @Test
    void renderingAgainFromJsonGivesTheSameFilesAndPublishingNamesTheChart(@TempDir Path dir) throws Exception {
        RunReport r = Fixtures.report();
        Reports.write(r, dir);
        String md = Files.readString(dir.resolve("results.md"));
        String svg = Files.readString(dir.resolve("chart.svg"));
        Files.delete(dir.resolve("results.md"));
        Reports.render(JsonReport.parse(Files.readString(dir.resolve("results.json"))), dir);
        assertEquals(md, Files.readString(dir.resolve("results.md")));
        assertEquals(svg, Files.readString(dir.resolve("chart.svg")));
        Reports.publish(r, dir);
        assertTrue(Files.readString(dir.resolve("RESULTS.md")).contains("](results-latest.svg)"));
        assertEquals(svg, Files.readString(dir.resolve("results-latest.svg")));
    }

    @Test
    void anIncompleteRunIsNotPublished(@TempDir Path dir) {
        RunReport r = Fixtures.report();
        RunReport partial = new RunReport(r.started(), null, r.command(), r.machine(), r.settings(), r.placement(),
                r.notes(), r.samples(), r.medians(), r.switchLogs(), false);
        assertThrows(IOException.class, () -> Reports.publish(partial, dir));
        assertTrue(MarkdownReport.render(partial, null).contains("This run did not complete"));
        assertTrue(SvgChart.render(partial).contains("INCOMPLETE RUN"));
    }

    @Test
    void niceCeilingRoundsUpToAReadableAxis() {
        assertEquals(1, SvgChart.niceCeiling(0));
        assertEquals(25, SvgChart.niceCeiling(21.5));
        assertEquals(0.5, SvgChart.niceCeiling(0.31), 1e-12);
        assertEquals(100, SvgChart.niceCeiling(100));
    }
}

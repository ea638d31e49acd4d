package dev.lanyard.bench.e2e.report;

import java.util.List;

/**
 * Everything one run measured and how: written as results.json (raw values of every round included) and rendered
 * as results.md and chart.svg.
 *
 * @param started     when the run started (ISO-8601)
 * @param finished    when it ended, null while it runs
 * @param command     the command line
 * @param machine     the machine
 * @param settings    the settings
 * @param placement   what ran on which core
 * @param notes       method notes and warnings, for the reader
 * @param samples     every raw value of every round
 * @param medians     per system and metric, the median over rounds
 * @param switchLogs  what each switch reported when it stopped, per round
 * @param complete    false when the run was interrupted or failed before the end
 */
public record RunReport(String started, String finished, String command, Machine machine, Settings settings,
                        List<String> placement, List<String> notes, List<Sample> samples, List<Median> medians,
                        List<SwitchLog> switchLogs, boolean complete) {

    /** Copies the lists. */
    public RunReport {
        placement = List.copyOf(placement);
        notes = List.copyOf(notes);
        samples = List.copyOf(samples);
        medians = List.copyOf(medians);
        switchLogs = List.copyOf(switchLogs);
    }

    /**
     * The settings of a run.
     *
     * @param systems         systems in the order of round 1
     * @param rounds          rounds
     * @param durationSeconds seconds per TCP and frame-rate measurement
     * @param warmupSeconds   seconds of traffic through each system before its measurements
     * @param tests           tests run
     * @param latencySamples  recorded UDP round trips per round
     * @param pingCount       pings per round
     * @param portRps         "all" or "bridge": which systems get RPS on the switch ports
     * @param lanyardArgs     extra options of lanyard switch
     */
    public record Settings(List<String> systems, int rounds, double durationSeconds, double warmupSeconds,
                           List<String> tests, int latencySamples, int pingCount, String portRps,
                           List<String> lanyardArgs) {
        /** Copies the lists. */
        public Settings {
            systems = List.copyOf(systems);
            tests = List.copyOf(tests);
            lanyardArgs = List.copyOf(lanyardArgs);
        }
    }

    /**
     * What a switch reported when it stopped (Lanyard: its counters with drop reasons; OVS: dpctl/show -s).
     *
     * @param system the system
     * @param round  the round
     * @param text   its report
     */
    public record SwitchLog(String system, int round, String text) {
    }
}

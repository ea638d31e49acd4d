package dev.lanyard.bench.e2e;

import dev.lanyard.bench.e2e.lab.Commands;
import dev.lanyard.bench.e2e.report.Machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what the report says about the machine: CPU model and count, kernel, Java, tool versions, load. */
final class MachineInfo {
    private MachineInfo() {
    }

    static Machine read() throws IOException {
        String lscpu = Commands.run(10, "lscpu").out();
        String model = field(lscpu, "Model name");
        String cpus = field(lscpu, "CPU(s)");
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("iperf3", firstWord(Commands.run(10, "iperf3", "--version").out(), 1));
        tools.put("trafgen", firstWord(Commands.run(10, "trafgen", "--version").out(), 1).replace(",", ""));
        Commands.Result ovs = Commands.run(10, "ovs-vswitchd", "--version");
        tools.put("ovs-vswitchd", ovs.ok() ? lastWord(ovs.out()) : "not installed");
        return new Machine(model == null ? "unknown CPU" : model, cpus == null ? 0 : Integer.parseInt(cpus),
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(),
                System.getProperty("java.runtime.version", System.getProperty("java.version")), tools,
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** The value of "Key: value" in lscpu's output. */
    static String field(String lscpu, String key) {
        for (String line : lscpu.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String firstWord(String text, int index) {
        String[] words = text.strip().split("\\s+");
        return words.length > index ? words[index] : "unknown";
    }

    private static String lastWord(String text) {
        String first = text.strip().split("\n")[0];
        String[] words = first.split("\\s+");
        return words[words.length - 1];
    }
}

package dev.lanyard.control.netlink;

import java.util.HexFormat;

/** Hex dumps for tests: whitespace and "|" separators in the text are ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s|]", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}

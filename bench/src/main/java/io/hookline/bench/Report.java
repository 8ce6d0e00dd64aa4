package io.hookline.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The printed table: one row per figure, with its baseline, the ratio and the target. */
final class Report {

    private static final String[] HEADER = {"scenario", "measure", "Hookline", "baseline", "ratio", "target", ""};
    private final List<String[]> rows = new ArrayList<>();

    void add(String scenario, String measure, Object hookline, Object baseline, String ratio, String target,
             String verdict) {
        rows.add(new String[] {scenario, measure, String.valueOf(hookline), String.valueOf(baseline), ratio, target,
                verdict});
    }

    List<Map<String, String>> rows() {
        List<Map<String, String>> out = new ArrayList<>();
        for (String[] row : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < HEADER.length; i++) {
                m.put(i == HEADER.length - 1 ? "verdict" : HEADER[i], row[i]);
            }
            out.add(m);
        }
        return out;
    }

    void print(PrintStream out) {
        int[] widths = new int[HEADER.length];
        java.util.Arrays.fill(widths, 1);
        List<String[]> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println();
        for (String[] row : all) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(String.format("%-" + widths[i] + "s", row[i])).append(" |");
            }
            out.println(line);
            if (row == HEADER) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : widths) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                out.println(rule);
            }
        }
        out.println();
    }
}

package io.intrapoll.tally;

/** Results as CSV (RFC 4180), one row per option; cells that a spreadsheet would run as formulas are defused. */
final class ResultsCsv {

    private ResultsCsv() {}

    static String of(Results results) {
        StringBuilder csv = new StringBuilder("option_id,label,votes,percent\r\n");
        for (Results.OptionResult option : results.options()) {
            csv.append(cell(option.id()))
                    .append(',')
                    .append(cell(option.label()))
                    .append(',')
                    .append(option.votes())
                    .append(',')
                    .append(option.percent())
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}

package io.intrapoll.tally;

/** Results as CSV (RFC 4180); cells that a spreadsheet would run as formulas are defused. */
final class ResultsCsv {

    private ResultsCsv() {}

    /** Options: one row per option (QUIZ: with whether it is correct); a scale: per value; open text: per word. */
    static String of(Results results) {
        if (results.distribution() != null) {
            StringBuilder csv = new StringBuilder("value,votes,percent\r\n");
            results.distribution()
                    .forEach(value -> csv.append(value.value())
                            .append(',')
                            .append(value.votes())
                            .append(',')
                            .append(value.percent())
                            .append("\r\n"));
            return csv.toString();
        }
        if (results.words() != null) {
            StringBuilder csv = new StringBuilder("word,count\r\n");
            results.words()
                    .forEach(word -> csv.append(cell(word.word()))
                            .append(',')
                            .append(word.count())
                            .append("\r\n"));
            return csv.toString();
        }
        boolean quiz = results.correctOptionIds() != null;
        StringBuilder csv = new StringBuilder("option_id,label,votes,percent" + (quiz ? ",correct" : "") + "\r\n");
        for (Results.OptionResult option : results.options()) {
            csv.append(cell(option.id()))
                    .append(',')
                    .append(cell(option.label()))
                    .append(',')
                    .append(option.votes())
                    .append(',')
                    .append(option.percent());
            if (quiz) {
                csv.append(',').append(results.correctOptionIds().contains(option.id()));
            }
            csv.append("\r\n");
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

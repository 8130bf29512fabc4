package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResultsCsvTest {

    @Test
    void quotesAndDefusesFormulas() {
        assertEquals("\"plain\"", ResultsCsv.cell("plain"));
        assertEquals("\"say \"\"hi\"\"\"", ResultsCsv.cell("say \"hi\""));
        assertEquals("\"'=SUM(A1)\"", ResultsCsv.cell("=SUM(A1)"));
        assertEquals("\"'+1\"", ResultsCsv.cell("+1"));
        assertEquals("\"'@cmd\"", ResultsCsv.cell("@cmd"));
    }
}

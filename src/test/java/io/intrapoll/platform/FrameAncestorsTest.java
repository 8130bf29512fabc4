package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAncestorsTest {

    @Test
    void originsSeparatedByCommasOrSpacesInAnyCaseWithoutATrailingSlash() {
        FrameAncestors ancestors = FrameAncestors.parse(
                " https://Intranet.Example.com/, https://*.sharepoint.com  http://localhost:9188,");
        assertEquals(
                List.of("https://intranet.example.com", "https://*.sharepoint.com", "http://localhost:9188"),
                ancestors.origins());
        assertEquals(
                "https://intranet.example.com https://*.sharepoint.com http://localhost:9188", ancestors.sources());
    }

    @Test
    void nothingSetMeansNoSiteMayFrame() {
        for (String setting : new String[] {null, "", " , "}) {
            FrameAncestors ancestors = FrameAncestors.parse(setting);
            assertFalse(ancestors.any(), setting);
            assertEquals("'none'", ancestors.sources());
        }
    }

    /** A typo must not open framing to every site: what is not an origin is left out, the rest still counts. */
    @Test
    void whatIsNotAnOriginIsLeftOut() {
        FrameAncestors ancestors = FrameAncestors.parse(
                "*, https://*, https://*.com, http://*.net, 'self', https://intranet.example.com/news, intranet.example.com, ftp://files.example.com,"
                        + " https://a*.example.com, https://ok.example.com; frame-ancestors *, https://good.example.com");
        assertEquals(List.of("https://good.example.com"), ancestors.origins());
    }
}

package io.intrapoll.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one test archive: the WAR the build produced, exactly as it ships. */
public final class Deployments {

    private Deployments() {}

    public static WebArchive intrapoll() {
        File war = new File(System.getProperty("intrapoll.war", "target/intrapoll.war"));
        return ShrinkWrap.create(ZipImporter.class, "intrapoll.war")
                .importFrom(war)
                .as(WebArchive.class);
    }
}

package io.intrapoll.support;

import io.openliberty.arquillian.managed.WLPManagedContainer;
import java.util.Set;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;

/**
 * An Arquillian extension: the integration-test server keeps a deployment from one test class to the next while
 * they deploy the same archive, instead of stopping the application after each class and starting it again.
 *
 * <p>Each start of the application costs about 14 s (CDI, JPA, the caches joining the cluster, the broker's
 * connections), and some forty classes deploy the same WAR ({@link AgainstTheServer}): a quarter of the test run's
 * time went to starting the same application again. The tests already assume what a kept deployment means: the
 * server shares one database and one cluster with the other servers of the run, so what one test leaves behind
 * stays ({@link Voters}). A class that deploys another archive (one with test classes in it, ScheduledTransitionsIT)
 * gets a server holding only its archive: the kept one is undeployed first. The last deployment is undeployed when
 * the server stops, so nothing is left in its dropins folder for the next run.
 */
public class OneDeploymentPerRun implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, WLPManagedContainer.class, KeepingContainer.class);
    }

    /** Liberty's managed container, with a deployment that outlives its test class. */
    public static class KeepingContainer extends WLPManagedContainer {

        private Archive<?> kept;
        private Set<ArchivePath> keptContent;
        private ProtocolMetaData keptMetaData;

        @Override
        public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
            if (kept != null && sameArchive(archive)) {
                return keptMetaData;
            }
            undeployKept();
            ProtocolMetaData metaData = super.deploy(archive);
            kept = archive;
            keptContent = Set.copyOf(archive.getContent().keySet());
            keptMetaData = metaData;
            return metaData;
        }

        /** Kept for the next class; undeployed when another archive comes or the server stops. */
        @Override
        public void undeploy(Archive<?> archive) {}

        @Override
        public void stop() throws LifecycleException {
            try {
                undeployKept();
            } catch (DeploymentException e) {
                throw new LifecycleException("Could not undeploy the kept deployment before stopping", e);
            } finally {
                super.stop();
            }
        }

        /** The same name and the same entries: the WAR as it ships, not one with a test's classes added. */
        private boolean sameArchive(Archive<?> archive) {
            return archive.getName().equals(kept.getName())
                    && archive.getContent().keySet().equals(keptContent);
        }

        private void undeployKept() throws DeploymentException {
            if (kept != null) {
                Archive<?> leaving = kept;
                kept = null;
                keptContent = null;
                keptMetaData = null;
                super.undeploy(leaving);
            }
        }
    }
}

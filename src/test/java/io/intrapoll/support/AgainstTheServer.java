package io.intrapoll.support;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Arquillian set-up of an integration test that calls the integration-test server from outside, as a client:
 * Arquillian starts the server (once for the run) and deploys the WAR the build produced, exactly as it ships
 * ({@link Deployments#intrapoll()}), for the test classes that extend this one: deployed for the first of them and
 * kept for the others ({@link OneDeploymentPerRun}). The test then reaches it with {@link Api}, {@link Browser} and
 * the like, at {@link Api#itServer()}.
 *
 * <p>Arquillian looks for the {@code @Deployment} method in the test class and its superclasses, so a subclass
 * declares none of its own. A test with another archive, or one that runs inside the server, does not extend this
 * class: it declares its own set-up (ScheduledTransitionsIT). Tests of servers that they start themselves
 * (EmbeddedDefaultIT, DirectoryIT, LibertyCrashIT) do not use Arquillian at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class AgainstTheServer {

    /** Not testable: nothing of the test goes into the archive, every test method runs on the client side. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.intrapoll();
    }
}

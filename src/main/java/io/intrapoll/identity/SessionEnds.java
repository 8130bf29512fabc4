package io.intrapoll.identity;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Tells the application when a browser session ends, however it ends ({@link SessionEnded}). */
@WebListener
public class SessionEnds implements HttpSessionListener {

    @Inject
    Event<SessionEnded> ended;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        ended.fire(new SessionEnded(event.getSession().getId()));
    }
}

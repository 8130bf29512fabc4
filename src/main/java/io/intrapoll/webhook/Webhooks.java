package io.intrapoll.webhook;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Registering, changing and removing webhooks, and their deliveries: admins only. */
@ApplicationScoped
public class Webhooks {

    private static final int MAX_URL = 2000;
    private static final int MAX_DESCRIPTION = 500;
    private static final int DELIVERIES_SHOWN = 100;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    WebhookAddresses addresses;

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    @Transactional
    public WebhookView create(WebhookInput input, Caller caller) {
        admin(caller);
        List<FieldError> errors = new ArrayList<>();
        if (input.url() == null) {
            errors.add(new FieldError("url", "is required"));
        }
        if (input.events() == null) {
            errors.add(new FieldError("events", "is required"));
        }
        if (input.has("active")) {
            errors.add(new FieldError("active", "applies only to a change (PATCH); a new webhook is active"));
        }
        errors.addAll(check(input));
        refuseIfAny(errors);
        String secret = Signatures.newSecret();
        Webhook webhook = new Webhook(
                UUID.randomUUID().toString(),
                input.url(),
                distinct(input.events()),
                input.description(),
                secret,
                caller.name(),
                clock.instant());
        em.persist(webhook);
        audit.record(caller.name(), AuditAction.WEBHOOK_CREATED, webhook.id(), webhook.url());
        return WebhookView.of(webhook).withSecret(secret);
    }

    @Transactional
    public WebhookView.Page list(Caller caller) {
        admin(caller);
        return new WebhookView.Page(em.createQuery("SELECT w FROM Webhook w ORDER BY w.createdAt", Webhook.class)
                .getResultStream()
                .map(WebhookView::of)
                .toList());
    }

    @Transactional
    public WebhookView get(String id, Caller caller) {
        admin(caller);
        return WebhookView.of(found(id));
    }

    @Transactional
    public WebhookView change(String id, WebhookInput input, Caller caller) {
        admin(caller);
        Webhook webhook = found(id);
        List<FieldError> errors = new ArrayList<>(check(input));
        for (String field : List.of("url", "events", "active")) {
            if (input.has(field) && fieldValue(input, field) == null) {
                errors.add(new FieldError(field, "cannot be null"));
            }
        }
        refuseIfAny(errors);
        if (input.url() != null) {
            webhook.deliverTo(input.url());
        }
        if (input.events() != null) {
            webhook.subscribe(distinct(input.events()));
        }
        if (input.has("description")) {
            webhook.describe(input.description());
        }
        if (input.active() != null) {
            webhook.activate(input.active());
        }
        audit.record(
                caller.name(),
                AuditAction.WEBHOOK_CHANGED,
                id,
                String.join(",", new java.util.TreeSet<>(input.present() == null ? List.of() : input.present())));
        return WebhookView.of(webhook);
    }

    @Transactional
    public void delete(String id, Caller caller) {
        admin(caller);
        Webhook webhook = found(id);
        em.createQuery("DELETE FROM WebhookDelivery d WHERE d.webhookId = :id")
                .setParameter("id", id)
                .executeUpdate();
        em.remove(webhook);
        audit.record(caller.name(), AuditAction.WEBHOOK_DELETED, id, webhook.url());
    }

    @Transactional
    public DeliveryView.Page deliveries(String id, Caller caller) {
        admin(caller);
        found(id);
        return new DeliveryView.Page(em.createQuery(
                        "SELECT d FROM WebhookDelivery d WHERE d.webhookId = :id ORDER BY d.createdAt DESC, d.id",
                        WebhookDelivery.class)
                .setParameter("id", id)
                .setMaxResults(DELIVERIES_SHOWN)
                .getResultStream()
                .map(DeliveryView::of)
                .toList());
    }

    /** Sends a delivery again now, whatever became of it before; the next attempt is queued after the commit. */
    public DeliveryView redeliver(String id, String deliveryId, Caller caller) {
        admin(caller);
        Deliveries.Due due = deliveries
                .again(id, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Webhook " + id + " has no delivery " + deliveryId + "."));
        audit.recordAlone(caller.name(), AuditAction.WEBHOOK_REDELIVERED, id, deliveryId);
        queue.send(due.deliveryId(), due.attempt(), 0);
        return delivery(deliveryId);
    }

    /** Read outside a transaction: the change above has committed. */
    private DeliveryView delivery(String deliveryId) {
        return DeliveryView.of(em.find(WebhookDelivery.class, deliveryId));
    }

    private List<FieldError> check(WebhookInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.url() != null) {
            if (input.url().length() > MAX_URL) {
                errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
            } else {
                addresses.refusal(input.url()).ifPresent(why -> errors.add(new FieldError("url", why)));
            }
        }
        if (input.events() != null) {
            if (input.events().isEmpty()) {
                errors.add(new FieldError("events", "must name at least one event"));
            }
            for (int i = 0; i < input.events().size(); i++) {
                String event = input.events().get(i);
                if (event == null || EventType.of(event).isEmpty()) {
                    errors.add(new FieldError(
                            "events[" + i + "]",
                            "must be one of poll.opened, poll.closed, poll.results.final, event.question.created"));
                }
            }
        }
        if (input.description() != null && input.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return errors;
    }

    private static Object fieldValue(WebhookInput input, String field) {
        return switch (field) {
            case "url" -> input.url();
            case "events" -> input.events();
            default -> input.active();
        };
    }

    private static List<String> distinct(List<String> events) {
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private Webhook found(String id) {
        Webhook webhook = id == null || id.length() > 36 ? null : em.find(Webhook.class, id);
        if (webhook == null) {
            throw ProblemException.notFound("There is no webhook " + id + ".");
        }
        return webhook;
    }

    private static void admin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only admins manage webhooks.");
        }
    }

    private static void refuseIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The webhook cannot be registered like this.", errors);
        }
    }
}

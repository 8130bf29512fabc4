-- Example polls for the embedded default (intrapoll.demo-data=true), so a newcomer sees something.
-- Repeatable: Flyway re-applies it when this file changes, replacing the demo polls (options cascade).
DELETE FROM poll WHERE id LIKE 'demo-%';

INSERT INTO poll (id, title, description, type, max_choices, anonymous, allow_vote_change, results_visibility,
                  status, opens_at, closes_at, open_schedule_fired, close_schedule_fired, created_by, created_at, version)
VALUES
 ('demo-lunch', 'Where should the team lunch be on Friday?', 'Pick one. Results are visible live.', 'SINGLE', NULL,
  FALSE, TRUE, 'LIVE', 'OPEN', NULL, NULL, FALSE, FALSE, 'author', CURRENT_TIMESTAMP, 0),
 ('demo-topics', 'Which all-hands topics matter most to you?', 'Choose up to two.', 'MULTIPLE', 2,
  TRUE, FALSE, 'LIVE', 'OPEN', NULL, NULL, FALSE, FALSE, 'author', CURRENT_TIMESTAMP, 0),
 ('demo-roadmap', 'Rank the engineering roadmap themes', 'Engineering only. Results after the poll closes.', 'RANKED', NULL,
  FALSE, FALSE, 'AFTER_CLOSE', 'OPEN', NULL, NULL, FALSE, FALSE, 'author', CURRENT_TIMESTAMP, 0),
 ('demo-offsite', 'Offsite location (draft)', 'Still being prepared by its author.', 'SINGLE', NULL,
  FALSE, FALSE, 'LIVE', 'DRAFT', NULL, NULL, FALSE, FALSE, 'author', CURRENT_TIMESTAMP, 0);

INSERT INTO poll_option (poll_id, position, option_id, label) VALUES
 ('demo-lunch', 0, 'demo-lunch-pizza', 'Pizza place'),
 ('demo-lunch', 1, 'demo-lunch-sushi', 'Sushi bar'),
 ('demo-lunch', 2, 'demo-lunch-salad', 'Salad buffet'),
 ('demo-topics', 0, 'demo-topics-strategy', 'Company strategy'),
 ('demo-topics', 1, 'demo-topics-benefits', 'Benefits'),
 ('demo-topics', 2, 'demo-topics-office', 'Office moves'),
 ('demo-topics', 3, 'demo-topics-qa', 'Open Q&A'),
 ('demo-roadmap', 0, 'demo-roadmap-reliability', 'Reliability'),
 ('demo-roadmap', 1, 'demo-roadmap-speed', 'Build speed'),
 ('demo-roadmap', 2, 'demo-roadmap-mobile', 'Mobile app'),
 ('demo-offsite', 0, 'demo-offsite-lake', 'Lake house'),
 ('demo-offsite', 1, 'demo-offsite-city', 'City hotel');

INSERT INTO poll_audience_group (poll_id, group_name) VALUES
 ('demo-roadmap', 'engineering');

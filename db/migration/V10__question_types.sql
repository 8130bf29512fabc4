-- More question types (API.md, "More question types"): RATING and NPS (a scale), OPEN_TEXT (a text whose words are
-- tallied, with moderation) and QUIZ (options some of which are correct; points per person).
ALTER TABLE poll DROP CONSTRAINT poll_type_valid;
ALTER TABLE poll ADD CONSTRAINT poll_type_valid
    CHECK (type IN ('SINGLE', 'MULTIPLE', 'RANKED', 'RATING', 'NPS', 'OPEN_TEXT', 'QUIZ'));
ALTER TABLE poll ADD COLUMN scale_min INTEGER;
ALTER TABLE poll ADD COLUMN scale_max INTEGER;
ALTER TABLE poll ADD COLUMN scale_label_min VARCHAR(50);
ALTER TABLE poll ADD COLUMN scale_label_max VARCHAR(50);
ALTER TABLE poll ADD COLUMN max_length INTEGER;
ALTER TABLE poll ADD COLUMN language VARCHAR(2);
ALTER TABLE poll ADD COLUMN time_limit_seconds INTEGER;
-- When the poll last opened (a quiz's clock); polls open today count from now.
ALTER TABLE poll ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
UPDATE poll SET opened_at = CURRENT_TIMESTAMP WHERE status = 'OPEN';

ALTER TABLE poll_option ADD COLUMN correct BOOLEAN;

-- A tally key is an option id, a scale value, or a word of an open-text answer (up to 100 characters).
ALTER TABLE option_tally ALTER COLUMN option_id SET DATA TYPE VARCHAR(100);

-- An open-text answer a moderator hid, or one held for a blocked word: counted, its words left out.
ALTER TABLE ballot ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ballot ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;

-- A quiz ballot's points, fixed when it was accepted: the leaderboard ranks these.
ALTER TABLE participation ADD COLUMN points INTEGER;

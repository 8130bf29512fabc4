-- The operations console charts ballots counted per interval over the last minutes.
CREATE INDEX ballot_counted_at ON ballot (counted_at);

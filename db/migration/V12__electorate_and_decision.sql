-- Electorate, turnout and decisions (API.md): how many people the poll's audience held when it first opened (its
-- turnout's denominator; unknown for polls opened before), and a SINGLE poll's decision rule: the turnout it needs
-- and the share of the ballots an option must exceed.
ALTER TABLE poll ADD COLUMN eligible INTEGER;
ALTER TABLE poll ADD COLUMN quorum_percent INTEGER;
ALTER TABLE poll ADD COLUMN majority_percent INTEGER;

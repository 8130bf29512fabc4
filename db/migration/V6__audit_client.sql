-- The client address of the request an entry records (sealed with the entry's other fields from here on).
ALTER TABLE audit_entry ADD COLUMN client VARCHAR(64);

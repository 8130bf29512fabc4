-- Entries are sealed with a MAC under the audit key from here on (AuditEntry.sealOf); those already written keep
-- their plain SHA-256 hashes, and the head records where the keyed ones begin. The application's role may update
-- the head's seq and hash only (Ansible's postgresql role grants it so), never this column.
ALTER TABLE audit_head ADD COLUMN mac_from_seq BIGINT;
UPDATE audit_head SET mac_from_seq = seq + 1;
ALTER TABLE audit_head ALTER COLUMN mac_from_seq SET NOT NULL;

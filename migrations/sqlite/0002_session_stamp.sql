-- A user's sessions are valid only while the cookie's session stamp equals this column. Signing out, a password
-- change, deactivation and a role change write a new stamp, which ends every session of that user on every node.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';

-- Cookies issued before this migration carry no stamp; a fresh random stamp per user makes them invalid at once.
UPDATE users SET security_stamp = lower(hex(randomblob(16)));

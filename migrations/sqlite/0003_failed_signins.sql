-- Failed sign-ins, kept for a retention period (Admin:SignIn:FailedSignInRetentionDays) and then deleted; they are
-- not audit events. An unknown user name is never stored: a CPR number typed into the wrong field must not be kept.
CREATE TABLE failed_signins (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    user_id          INTEGER REFERENCES users(id),
    client_address   TEXT,
    reason           TEXT NOT NULL CHECK (reason IN ('unknown-user', 'wrong-password', 'inactive-user'))
);
CREATE INDEX failed_signins_by_at ON failed_signins(at);

-- Sign-in is slowed per client address and user name in memory instead of locking the account, which let anyone
-- keep the owner out; the lock's columns go.
ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN locked_until;

-- Lock-out per account and client address: after Admin:SignIn:LockoutFailures wrong passwords for one account from one
-- address within LockoutWindowMinutes, that account cannot sign in from that address for LockoutMinutes. Other
-- addresses are not affected, so an attacker cannot lock the owner out (the per-account lock of 0001 let anyone do
-- that). The rows live in the database, so a lock holds across a restart and on every node; an administrator may lift
-- one. address_key is the counted address: an IPv4 address, or an IPv6 /64 (one client usually owns a whole /64).
ALTER TABLE failed_signins ADD COLUMN address_key TEXT;
CREATE INDEX failed_signins_by_user ON failed_signins(user_id, address_key, at);

CREATE TABLE signin_lockouts (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id),
    address_key      TEXT NOT NULL,
    locked_at        TEXT NOT NULL,
    locked_until     TEXT NOT NULL,
    lifted_at        TEXT,
    lifted_by        TEXT
);
CREATE INDEX signin_lockouts_by_user ON signin_lockouts(user_id, address_key, locked_until);

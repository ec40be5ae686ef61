-- The ASP.NET Core Data Protection key ring, which protects the admin's sign-in cookie and antiforgery tokens. Kept
-- in the database, every node reads the same keys, so a cookie one node issued is valid on the others. The XML is
-- as Data Protection writes it (a key or a revocation); a row is never changed.
CREATE TABLE data_protection_keys (
    id               INTEGER PRIMARY KEY,
    friendly_name    TEXT NOT NULL UNIQUE,
    xml              TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

-- A user whose password someone else chose (the first administrator's generated password) is asked to change it at
-- sign-in; the flag clears when the user sets their own.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

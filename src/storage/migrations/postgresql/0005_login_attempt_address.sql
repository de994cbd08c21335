-- 0005: the client address of each login attempt, for a per-address limit beside the per-login lockout.
ALTER TABLE login_attempts ADD COLUMN client_addr TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempts_addr ON login_attempts(client_addr, at_epoch);

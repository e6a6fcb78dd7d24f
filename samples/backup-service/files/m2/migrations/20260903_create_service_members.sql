-- People and bots that have access to a managed service, with their role.
--
-- Services themselves live in the platform inventory, not in this database,
-- so service_id is not a foreign key.

CREATE TABLE service_members (
    id          UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id  UUID        NOT NULL,
    member_name TEXT        NOT NULL,
    email       TEXT,
    role        TEXT        NOT NULL DEFAULT 'viewer'
                            CHECK (role IN ('owner', 'maintainer', 'viewer')),
    joined_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    invited_by  UUID,
    UNIQUE (service_id, member_name)
);

CREATE INDEX service_members_service_id_idx ON service_members (service_id);

-- Self-declared data (issue "Self-declared data").
-- Provenance of each personal field of a stakeholder: where its value came from (a DataSource number:
-- 0 not recorded — a value written before provenance was kept, or never written —, 1 self-declared,
-- 2 recorded by staff, 3 imported) and when. ADD COLUMN cannot run twice: a test that rolls user_version
-- back below 16 must drop these columns first (ForumTests does). A field's source changes when its value is written with
-- a new value, or whenever the person declares it (a declaration confirms unchanged values too).
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
ALTER TABLE stakeholders ADD COLUMN gender_self_description TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN gender_source BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stakeholders ADD COLUMN gender_source_time TEXT COLLATE "C";
ALTER TABLE stakeholders ADD COLUMN attributes_source BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stakeholders ADD COLUMN attributes_source_time TEXT COLLATE "C";
ALTER TABLE stakeholders ADD COLUMN publication_consent_source BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stakeholders ADD COLUMN publication_consent_source_time TEXT COLLATE "C";
ALTER TABLE stakeholders ADD COLUMN email_source BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stakeholders ADD COLUMN email_source_time TEXT COLLATE "C";

-- Declaration links: a single-use, expiring token per person, kept only as its SHA-256 hash. A new
-- link for the same person revokes the earlier ones; using one sets used_time.
CREATE TABLE declaration_links (
    token_hash     BYTEA NOT NULL PRIMARY KEY,
    stakeholder_id TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    create_time    TEXT COLLATE "C" NOT NULL,
    expire_time    TEXT COLLATE "C" NOT NULL,
    created_by     TEXT COLLATE "C" NOT NULL DEFAULT '',
    use_time       TEXT COLLATE "C",
    revoke_time    TEXT COLLATE "C"
);

CREATE INDEX declaration_links_by_stakeholder ON declaration_links (stakeholder_id);

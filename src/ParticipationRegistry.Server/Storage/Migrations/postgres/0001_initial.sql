-- Schema version 1: the registry core.
-- Enums are stored as their proto numbers (stable by protobuf's compatibility rules).
-- Times are ISO-8601 UTC text with 7 fractional digits ("yyyy-MM-ddTHH:mm:ss.fffffffZ"), so text
-- order is time order; dates are "yyyy-MM-dd".
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.

CREATE TABLE registry_secrets (
    name  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE request_ids (
    request_id  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    method      TEXT COLLATE "C" NOT NULL,
    fingerprint BYTEA NOT NULL,
    response    BYTEA NOT NULL,
    create_time TEXT COLLATE "C" NOT NULL
);
CREATE INDEX request_ids_by_time ON request_ids (create_time);

CREATE TABLE organizations (
    id                TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    display_name      TEXT COLLATE "C" NOT NULL,
    stakeholder_group BIGINT NOT NULL DEFAULT 0,
    multistakeholder  BIGINT NOT NULL DEFAULT 0,
    country_code      TEXT COLLATE "C" NOT NULL DEFAULT '',
    create_time       TEXT COLLATE "C" NOT NULL,
    update_time       TEXT COLLATE "C" NOT NULL,
    version           BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX organizations_by_display_name ON organizations (display_name, id);

CREATE TABLE stakeholders (
    id                    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    display_name          TEXT COLLATE "C" NOT NULL,
    affiliation           TEXT COLLATE "C" NOT NULL DEFAULT '',
    organization_id       TEXT COLLATE "C" REFERENCES organizations (id),
    stakeholder_group     BIGINT NOT NULL DEFAULT 0,
    country_code          TEXT COLLATE "C" NOT NULL DEFAULT '',
    regional_group        BIGINT NOT NULL DEFAULT 0,
    -- 1 when the caller stated the regional group; 0 when it is derived from country_code.
    regional_group_stated BIGINT NOT NULL DEFAULT 0,
    gender                BIGINT NOT NULL DEFAULT 0,
    -- Bit (1 << value) per StakeholderAttribute.
    attributes            BIGINT NOT NULL DEFAULT 0,
    email                 TEXT COLLATE "C" NOT NULL DEFAULT '',
    -- 1 once erased by a forced delete: an anonymous placeholder kept for history.
    erased                BIGINT NOT NULL DEFAULT 0,
    create_time           TEXT COLLATE "C" NOT NULL,
    update_time           TEXT COLLATE "C" NOT NULL,
    version               BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX stakeholders_by_display_name ON stakeholders (display_name, id);
CREATE INDEX stakeholders_by_create_time ON stakeholders (create_time, id);
CREATE INDEX stakeholders_by_group ON stakeholders (stakeholder_group, display_name, id);
CREATE INDEX stakeholders_by_region ON stakeholders (regional_group, display_name, id);
CREATE INDEX stakeholders_by_country ON stakeholders (country_code, display_name, id);
CREATE INDEX stakeholders_by_organization ON stakeholders (organization_id);

CREATE TABLE meetings (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    display_name TEXT COLLATE "C" NOT NULL,
    forum        TEXT COLLATE "C" NOT NULL DEFAULT '',
    start_date   TEXT COLLATE "C" NOT NULL DEFAULT '',
    end_date     TEXT COLLATE "C" NOT NULL DEFAULT '',
    country_code TEXT COLLATE "C" NOT NULL DEFAULT '',
    create_time  TEXT COLLATE "C" NOT NULL,
    update_time  TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_by_start_date ON meetings (start_date, id);
CREATE INDEX meetings_by_forum ON meetings (forum, start_date, id);

CREATE TABLE sessions (
    meeting_id        TEXT COLLATE "C" NOT NULL REFERENCES meetings (id),
    id                TEXT COLLATE "C" NOT NULL,
    display_name      TEXT COLLATE "C" NOT NULL,
    kind              BIGINT NOT NULL DEFAULT 0,
    state             BIGINT NOT NULL DEFAULT 1,
    theme             TEXT COLLATE "C" NOT NULL DEFAULT '',
    start_time        TEXT COLLATE "C" NOT NULL DEFAULT '',
    end_time          TEXT COLLATE "C" NOT NULL DEFAULT '',
    room              TEXT COLLATE "C" NOT NULL DEFAULT '',
    -- Gender report card; NULL counts are unknown.
    grc_participant_count BIGINT,
    grc_women_count       BIGINT,
    grc_women_share_band  BIGINT NOT NULL DEFAULT 0,
    grc_gender_discussion BIGINT NOT NULL DEFAULT 0,
    create_time       TEXT COLLATE "C" NOT NULL,
    update_time       TEXT COLLATE "C" NOT NULL,
    version           BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (meeting_id, id)
);
CREATE INDEX sessions_by_start_time ON sessions (meeting_id, start_time, id);

CREATE TABLE session_organizers (
    meeting_id      TEXT COLLATE "C" NOT NULL,
    session_id      TEXT COLLATE "C" NOT NULL,
    position        BIGINT NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (meeting_id, session_id, position),
    UNIQUE (meeting_id, session_id, organization_id),
    FOREIGN KEY (meeting_id, session_id) REFERENCES sessions (meeting_id, id) ON DELETE CASCADE
);
CREATE INDEX session_organizers_by_organization ON session_organizers (organization_id);

CREATE TABLE participants (
    meeting_id         TEXT COLLATE "C" NOT NULL,
    session_id         TEXT COLLATE "C" NOT NULL,
    id                 TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    stakeholder_id     TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id),
    role               BIGINT NOT NULL,
    confirmation       BIGINT NOT NULL DEFAULT 1,
    attendance         BIGINT NOT NULL DEFAULT 0,
    snap_display_name      TEXT COLLATE "C" NOT NULL,
    snap_stakeholder_group BIGINT NOT NULL,
    snap_regional_group    BIGINT NOT NULL,
    snap_country_code      TEXT COLLATE "C" NOT NULL,
    snap_affiliation       TEXT COLLATE "C" NOT NULL,
    snap_organization_id   TEXT COLLATE "C",
    create_time        TEXT COLLATE "C" NOT NULL,
    update_time        TEXT COLLATE "C" NOT NULL,
    version            BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, session_id, stakeholder_id, role),
    FOREIGN KEY (meeting_id, session_id) REFERENCES sessions (meeting_id, id)
);
CREATE INDEX participants_by_session ON participants (meeting_id, session_id, create_time, id);
CREATE INDEX participants_by_stakeholder ON participants (stakeholder_id);

CREATE TABLE registrations (
    meeting_id         TEXT COLLATE "C" NOT NULL REFERENCES meetings (id),
    id                 TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    stakeholder_id     TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id),
    attendance         BIGINT NOT NULL DEFAULT 0,
    snap_display_name      TEXT COLLATE "C" NOT NULL,
    snap_stakeholder_group BIGINT NOT NULL,
    snap_regional_group    BIGINT NOT NULL,
    snap_country_code      TEXT COLLATE "C" NOT NULL,
    snap_affiliation       TEXT COLLATE "C" NOT NULL,
    snap_organization_id   TEXT COLLATE "C",
    create_time        TEXT COLLATE "C" NOT NULL,
    update_time        TEXT COLLATE "C" NOT NULL,
    version            BIGINT NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, stakeholder_id)
);
CREATE INDEX registrations_by_meeting ON registrations (meeting_id, create_time, id);
CREATE INDEX registrations_by_stakeholder ON registrations (stakeholder_id);

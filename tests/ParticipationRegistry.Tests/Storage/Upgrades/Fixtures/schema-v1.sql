-- A registry database of schema version 1, frozen: never edit this file (the test that opens it proves
-- that a database made by the first release still opens). Made once with sqlite3 3.40 `.dump` from
-- migration 0001_initial.sql as first committed (fa199eb), with the rows of that version; nothing in it
-- comes from the migrations of the current tree. The request_ids table is empty: ids past their
-- 7-day retention are purged at start by design. SQLite's `.dump` does not write user_version: it is
-- set on the line before COMMIT, as the version-1 server's Migrator did.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE registry_secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
INSERT INTO registry_secrets VALUES('page_token_key',X'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
CREATE TABLE request_ids (
    request_id  TEXT NOT NULL PRIMARY KEY,
    method      TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    response    BLOB NOT NULL,
    create_time TEXT NOT NULL
) STRICT;
CREATE TABLE organizations (
    id                TEXT NOT NULL PRIMARY KEY,
    display_name      TEXT NOT NULL,
    stakeholder_group INTEGER NOT NULL DEFAULT 0,
    multistakeholder  INTEGER NOT NULL DEFAULT 0,
    country_code      TEXT NOT NULL DEFAULT '',
    create_time       TEXT NOT NULL,
    update_time       TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO organizations VALUES('org-isoc','Internet Society',3,0,'','2012-10-01T09:00:00.0000000Z','2012-10-01T09:00:00.0000000Z',1);
INSERT INTO organizations VALUES('org-itfc','IT for Change',2,0,'IN','2012-10-01T09:00:00.0000000Z','2012-10-02T09:00:00.0000000Z',2);
CREATE TABLE stakeholders (
    id                    TEXT NOT NULL PRIMARY KEY,
    display_name          TEXT NOT NULL,
    affiliation           TEXT NOT NULL DEFAULT '',
    organization_id       TEXT REFERENCES organizations (id),
    stakeholder_group     INTEGER NOT NULL DEFAULT 0,
    country_code          TEXT NOT NULL DEFAULT '',
    regional_group        INTEGER NOT NULL DEFAULT 0,
    -- 1 when the caller stated the regional group; 0 when it is derived from country_code.
    regional_group_stated INTEGER NOT NULL DEFAULT 0,
    gender                INTEGER NOT NULL DEFAULT 0,
    -- Bit (1 << value) per StakeholderAttribute.
    attributes            INTEGER NOT NULL DEFAULT 0,
    email                 TEXT NOT NULL DEFAULT '',
    -- 1 once erased by a forced delete: an anonymous placeholder kept for history.
    erased                INTEGER NOT NULL DEFAULT 0,
    create_time           TEXT NOT NULL,
    update_time           TEXT NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO stakeholders VALUES('p-major','Peter Major','Permanent Mission of Hungary to the UN in Geneva',NULL,1,'',5,1,2,0,'',0,'2012-10-01T10:00:00.0000000Z','2012-10-01T10:00:00.0000000Z',1);
INSERT INTO stakeholders VALUES('p-kleinwaechter','Wolfgang Kleinwächter','University of Aarhus',NULL,2,'',5,1,0,0,'wk@example.org',0,'2012-10-01T10:01:00.0000000Z','2012-10-01T10:01:00.0000000Z',1);
INSERT INTO stakeholders VALUES('p-kultamaa','Mervi Kultamaa','Ministry for Foreign Affairs of Finland',NULL,1,'FI',5,0,1,2,'',0,'2012-10-01T10:02:00.0000000Z','2012-10-03T10:02:00.0000000Z',3);
INSERT INTO stakeholders VALUES('p-kummer','Markus Kummer','Internet Society','org-isoc',3,'',5,1,2,0,'',0,'2012-10-01T10:03:00.0000000Z','2012-10-01T10:03:00.0000000Z',1);
INSERT INTO stakeholders VALUES('p-singh','Parminder Jeet Singh','IT for Change','org-itfc',2,'IN',4,0,2,0,'',0,'2012-10-01T10:04:00.0000000Z','2012-10-01T10:04:00.0000000Z',1);
CREATE TABLE meetings (
    id           TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    forum        TEXT NOT NULL DEFAULT '',
    start_date   TEXT NOT NULL DEFAULT '',
    end_date     TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    create_time  TEXT NOT NULL,
    update_time  TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO meetings VALUES('igf-2012','IGF 2012 Baku','IGF','2012-11-06','2012-11-09','AZ','2012-09-01T00:00:00.0000000Z','2012-09-01T00:00:00.0000000Z',1);
INSERT INTO meetings VALUES('eurodig-2013','EuroDIG 2013 Lisbon','EuroDIG (Pan-European)','2013-06-20','2013-06-21','PT','2013-01-01T00:00:00.0000000Z','2013-01-01T00:00:00.0000000Z',1);
CREATE TABLE sessions (
    meeting_id        TEXT NOT NULL REFERENCES meetings (id),
    id                TEXT NOT NULL,
    display_name      TEXT NOT NULL,
    kind              INTEGER NOT NULL DEFAULT 0,
    state             INTEGER NOT NULL DEFAULT 1,
    theme             TEXT NOT NULL DEFAULT '',
    start_time        TEXT NOT NULL DEFAULT '',
    end_time          TEXT NOT NULL DEFAULT '',
    room              TEXT NOT NULL DEFAULT '',
    -- Gender report card; NULL counts are unknown.
    grc_participant_count INTEGER,
    grc_women_count       INTEGER,
    grc_women_share_band  INTEGER NOT NULL DEFAULT 0,
    grc_gender_discussion INTEGER NOT NULL DEFAULT 0,
    create_time       TEXT NOT NULL,
    update_time       TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (meeting_id, id)
) STRICT;
INSERT INTO sessions VALUES('igf-2012','ws-85','Quo Vadis IGF – or Evolution of IGF',2,4,'Taking stock','2012-11-07T09:00:00.0000000Z','2012-11-07T10:30:00.0000000Z','Room 3',60,NULL,3,2,'2012-09-02T00:00:00.0000000Z','2012-11-10T00:00:00.0000000Z',4);
CREATE TABLE session_organizers (
    meeting_id      TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    position        INTEGER NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (meeting_id, session_id, position),
    UNIQUE (meeting_id, session_id, organization_id),
    FOREIGN KEY (meeting_id, session_id) REFERENCES sessions (meeting_id, id) ON DELETE CASCADE
) STRICT;
INSERT INTO session_organizers VALUES('igf-2012','ws-85',0,'org-itfc');
CREATE TABLE participants (
    meeting_id         TEXT NOT NULL,
    session_id         TEXT NOT NULL,
    id                 TEXT NOT NULL PRIMARY KEY,
    stakeholder_id     TEXT NOT NULL REFERENCES stakeholders (id),
    role               INTEGER NOT NULL,
    confirmation       INTEGER NOT NULL DEFAULT 1,
    attendance         INTEGER NOT NULL DEFAULT 0,
    snap_display_name      TEXT NOT NULL,
    snap_stakeholder_group INTEGER NOT NULL,
    snap_regional_group    INTEGER NOT NULL,
    snap_country_code      TEXT NOT NULL,
    snap_affiliation       TEXT NOT NULL,
    snap_organization_id   TEXT,
    create_time        TEXT NOT NULL,
    update_time        TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, session_id, stakeholder_id, role),
    FOREIGN KEY (meeting_id, session_id) REFERENCES sessions (meeting_id, id)
) STRICT;
INSERT INTO participants VALUES('igf-2012','ws-85','seat-major','p-major',2,2,1,'Peter Major',1,5,'','Permanent Mission of Hungary to the UN in Geneva',NULL,'2012-10-05T00:00:00.0000000Z','2012-10-05T00:00:00.0000000Z',1);
INSERT INTO participants VALUES('igf-2012','ws-85','seat-kultamaa','p-kultamaa',2,3,0,'Mervi Kultamaa',1,5,'FI','Ministry for Foreign Affairs of Finland',NULL,'2012-10-05T00:01:00.0000000Z','2012-10-05T00:01:00.0000000Z',1);
INSERT INTO participants VALUES('igf-2012','ws-85','seat-singh','p-singh',2,3,1,'Parminder Jeet Singh',2,4,'IN','IT for Change','org-itfc','2012-10-05T00:02:00.0000000Z','2012-10-05T00:02:00.0000000Z',1);
CREATE TABLE registrations (
    meeting_id         TEXT NOT NULL REFERENCES meetings (id),
    id                 TEXT NOT NULL PRIMARY KEY,
    stakeholder_id     TEXT NOT NULL REFERENCES stakeholders (id),
    attendance         INTEGER NOT NULL DEFAULT 0,
    snap_display_name      TEXT NOT NULL,
    snap_stakeholder_group INTEGER NOT NULL,
    snap_regional_group    INTEGER NOT NULL,
    snap_country_code      TEXT NOT NULL,
    snap_affiliation       TEXT NOT NULL,
    snap_organization_id   TEXT,
    create_time        TEXT NOT NULL,
    update_time        TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, stakeholder_id)
) STRICT;
INSERT INTO registrations VALUES('igf-2012','reg-kummer','p-kummer',1,'Markus Kummer',3,5,'','Internet Society','org-isoc','2012-10-06T00:00:00.0000000Z','2012-10-06T00:00:00.0000000Z',1);
CREATE INDEX request_ids_by_time ON request_ids (create_time);
CREATE INDEX organizations_by_display_name ON organizations (display_name, id);
CREATE INDEX stakeholders_by_display_name ON stakeholders (display_name, id);
CREATE INDEX stakeholders_by_create_time ON stakeholders (create_time, id);
CREATE INDEX stakeholders_by_group ON stakeholders (stakeholder_group, display_name, id);
CREATE INDEX stakeholders_by_region ON stakeholders (regional_group, display_name, id);
CREATE INDEX stakeholders_by_country ON stakeholders (country_code, display_name, id);
CREATE INDEX stakeholders_by_organization ON stakeholders (organization_id);
CREATE INDEX meetings_by_start_date ON meetings (start_date, id);
CREATE INDEX meetings_by_forum ON meetings (forum, start_date, id);
CREATE INDEX sessions_by_start_time ON sessions (meeting_id, start_time, id);
CREATE INDEX session_organizers_by_organization ON session_organizers (organization_id);
CREATE INDEX participants_by_session ON participants (meeting_id, session_id, create_time, id);
CREATE INDEX participants_by_stakeholder ON participants (stakeholder_id);
CREATE INDEX registrations_by_meeting ON registrations (meeting_id, create_time, id);
CREATE INDEX registrations_by_stakeholder ON registrations (stakeholder_id);
PRAGMA user_version = 1;
COMMIT;

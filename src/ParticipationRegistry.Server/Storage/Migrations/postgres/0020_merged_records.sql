-- Undo of a merge (StakeholderService.UnmergeStakeholder). A merge moves each duplicate's own row here
-- from stakeholders, and an unmerge moves it back: the row lives in exactly one of the two tables. It keeps
-- every field (personal data and its provenance included), the record key its seats' and registrations'
-- person_key copy, and carried_aliases: the names (a JSON list of ids) that were aliases of the duplicate
-- when it was merged and so became aliases of the primary, to be given back to it by an unmerge. Which
-- seats and registrations came from it is stakeholder_aliases.moved. The row goes with its alias (a hard
-- delete of the primary). Erasing the primary or the old name blanks it as an erasure blanks a person
-- (erase_time set): it is personal data. Merges made before this version kept no row and cannot be undone.
-- IF NOT EXISTS: tests that roll user_version back below 17 or 18 (to rerun those migrations) leave this table as it is.
-- PostgreSQL dialect: INTEGER is BIGINT, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT.
CREATE TABLE IF NOT EXISTS merged_stakeholders (
    id                              TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES stakeholder_aliases (alias_id) ON DELETE CASCADE,
    display_name                    TEXT COLLATE "C" NOT NULL,
    affiliation                     TEXT COLLATE "C" NOT NULL,
    organization_id                 TEXT COLLATE "C" REFERENCES organizations (id),
    stakeholder_group               BIGINT NOT NULL,
    country_code                    TEXT COLLATE "C" NOT NULL,
    regional_group                  BIGINT NOT NULL,
    regional_group_stated           BIGINT NOT NULL,
    gender                          BIGINT NOT NULL,
    attributes                      BIGINT NOT NULL,
    email                           TEXT COLLATE "C" NOT NULL,
    publication_consent             BIGINT NOT NULL,
    publication_consent_time        TEXT COLLATE "C",
    create_time                     TEXT COLLATE "C" NOT NULL,
    update_time                     TEXT COLLATE "C" NOT NULL,
    version                         BIGINT NOT NULL,
    gender_self_description         TEXT COLLATE "C" NOT NULL,
    gender_source                   BIGINT NOT NULL,
    gender_source_time              TEXT COLLATE "C",
    attributes_source               BIGINT NOT NULL,
    attributes_source_time          TEXT COLLATE "C",
    publication_consent_source      BIGINT NOT NULL,
    publication_consent_source_time TEXT COLLATE "C",
    email_source                    BIGINT NOT NULL,
    email_source_time               TEXT COLLATE "C",
    record_key                      BIGINT NOT NULL,
    erase_time                      TEXT COLLATE "C",
    carried_aliases                 TEXT COLLATE "C" NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS merged_stakeholders_by_organization ON merged_stakeholders (organization_id) WHERE organization_id IS NOT NULL;

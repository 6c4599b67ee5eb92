-- Undo of a merge (StakeholderService.UnmergeStakeholder). A merge moves each duplicate's own row here
-- from stakeholders, and an unmerge moves it back: the row lives in exactly one of the two tables. It keeps
-- every field (personal data and its provenance included), the record key its seats' and registrations'
-- person_key copy, and carried_aliases: the names (a JSON list of ids) that were aliases of the duplicate
-- when it was merged and so became aliases of the primary, to be given back to it by an unmerge. Which
-- seats and registrations came from it is stakeholder_aliases.moved. The row goes with its alias (a hard
-- delete of the primary). Erasing the primary or the old name blanks it as an erasure blanks a person
-- (erase_time set): it is personal data. Merges made before this version kept no row and cannot be undone.
-- IF NOT EXISTS: tests that roll user_version back below 17 or 18 (to rerun those migrations) leave this table as it is.
CREATE TABLE IF NOT EXISTS merged_stakeholders (
    id                              TEXT NOT NULL PRIMARY KEY REFERENCES stakeholder_aliases (alias_id) ON DELETE CASCADE,
    display_name                    TEXT NOT NULL,
    affiliation                     TEXT NOT NULL,
    organization_id                 TEXT REFERENCES organizations (id),
    stakeholder_group               INTEGER NOT NULL,
    country_code                    TEXT NOT NULL,
    regional_group                  INTEGER NOT NULL,
    regional_group_stated           INTEGER NOT NULL,
    gender                          INTEGER NOT NULL,
    attributes                      INTEGER NOT NULL,
    email                           TEXT NOT NULL,
    publication_consent             INTEGER NOT NULL,
    publication_consent_time        TEXT,
    create_time                     TEXT NOT NULL,
    update_time                     TEXT NOT NULL,
    version                         INTEGER NOT NULL,
    gender_self_description         TEXT NOT NULL,
    gender_source                   INTEGER NOT NULL,
    gender_source_time              TEXT,
    attributes_source               INTEGER NOT NULL,
    attributes_source_time          TEXT,
    publication_consent_source      INTEGER NOT NULL,
    publication_consent_source_time TEXT,
    email_source                    INTEGER NOT NULL,
    email_source_time               TEXT,
    record_key                      INTEGER NOT NULL,
    erase_time                      TEXT,
    carried_aliases                 TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX IF NOT EXISTS merged_stakeholders_by_organization ON merged_stakeholders (organization_id) WHERE organization_id IS NOT NULL;

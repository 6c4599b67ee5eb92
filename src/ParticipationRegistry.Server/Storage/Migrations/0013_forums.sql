-- Schema version 13: forums as resources. A forum has a kind, an optional country or UN regional
-- group, a time zone and default policies (kind_policies: one "kind=policy-id" per line). Every
-- distinct free-text meetings.forum becomes a forum (id slugified from the text, or "forum-N" when the
-- slug is not a valid id or two texts share it; display name = the text; kind OTHER = 6, created when its first meeting was) and every
-- meeting's forum is rewritten to the forum's resource name, so no meeting loses its forum.

CREATE TABLE forums (
    id TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    kind INTEGER NOT NULL DEFAULT 0,
    country_code TEXT NOT NULL DEFAULT '',
    regional_group INTEGER NOT NULL DEFAULT 0,
    time_zone TEXT NOT NULL DEFAULT '',
    default_policy TEXT NOT NULL DEFAULT '',
    kind_policies TEXT NOT NULL DEFAULT '',
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX forums_by_display_name ON forums (display_name, id);

CREATE TEMP TABLE forum_slugs (n INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, slug TEXT NOT NULL);
INSERT INTO forum_slugs (text, slug)
SELECT forum,
       trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(trim(forum)),
            ' ', '-'), '_', '-'), '.', '-'), '/', '-'), ',', '-'), '(', '-'), ')', '-'), '&', '-'), ':', '-'), '--', '-'), '--', '-'), '-')
FROM (SELECT DISTINCT forum FROM meetings WHERE forum <> '' ORDER BY forum);
UPDATE forum_slugs SET slug = 'forum-' || n
WHERE slug NOT GLOB '[a-z]*' OR slug GLOB '*[^a-z0-9-]*' OR slug GLOB '*-' OR length(slug) > 63
   OR (SELECT count(*) FROM forum_slugs o WHERE o.slug = forum_slugs.slug) > 1;

INSERT INTO forums (id, display_name, kind, create_time, update_time, version)
SELECT slug, substr(text, 1, 200), 6, first, first, 1
FROM (SELECT slug, text, (SELECT min(create_time) FROM meetings WHERE forum = text) AS first FROM forum_slugs);
UPDATE meetings SET forum = 'forums/' || (SELECT slug FROM forum_slugs WHERE text = meetings.forum) WHERE forum <> '';
DROP TABLE forum_slugs;

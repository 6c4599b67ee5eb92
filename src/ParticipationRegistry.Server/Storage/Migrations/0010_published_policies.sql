-- Published policies (issue "Disclosure control"): a public report (a caller without personal-data
-- rights) may name only the presets and the stored policies an admin published (1), never others (0).
ALTER TABLE policies ADD COLUMN published INTEGER NOT NULL DEFAULT 0;

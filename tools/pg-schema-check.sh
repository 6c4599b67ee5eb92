#!/usr/bin/env bash
# Checks that the PostgreSQL migrations (Storage/Migrations/postgres/) build the same schema as the SQLite
# ones, version by version: the same tables; per table the same columns in the same order with the same
# type (INTEGER = bigint, TEXT = text, BLOB = bytea), NOT NULL and default; the same primary key, UNIQUE
# constraints, foreign keys (with ON DELETE) and number of CHECK constraints; the same indexes by name,
# with the same columns or expressions, uniqueness and partial WHERE. Every PostgreSQL text column must be
# COLLATE "C". Makes its own throwaway PostgreSQL cluster (Debian's postgresql; as root it runs initdb as
# the postgres user) and SQLite file, prints a diff per version that differs and exits non-zero if any does.
# Statements of the SQLite scripts that call the functions the Migrator registers (registry_keys,
# registry_tokens) are left out there: the database is empty and only the schema is compared.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sqlite_dir=$repo/src/ParticipationRegistry.Server/Storage/Migrations
pg_dir=$sqlite_dir/postgres
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pg_bin/initdb" ] || { echo "pg-schema-check: no PostgreSQL binaries (set PG_BIN)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "pg-schema-check: the sqlite3 command is missing" >&2; exit 2; }

work=$(mktemp -d)
as_postgres=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$work"
    as_postgres=(runuser -u postgres --)
fi
cleanup() {
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"${as_postgres[@]}" "$pg_bin/initdb" -D "$work/data" -A trust -U postgres -E UTF8 --no-locale >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 2; }
# Unix socket only, in the private folder: no port can collide with another cluster.
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-p 5432 -k $work -c listen_addresses=''" start >/dev/null \
    || { cat "$work/server.log" >&2; exit 2; }
psql=("$pg_bin/psql" -h "$work" -p 5432 -U postgres -X -q -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c "CREATE DATABASE schema_check"
sqlite_db=$work/registry.db

# Index definitions of both engines as one line each: index|table|name|unique|columns|where.
normalize_indexes() {
    perl -ne '
        chomp;
        my ($kind, $table, $sql) = split /\|/, $_, 3;
        if ($kind ne "index") { print "$_\n"; next; }
        sub unwrap {
            my $s = shift;
            $s =~ s/::(text|bigint)\b//g; $s =~ s/"(\w+)"/$1/g; $s =~ s/\s+/ /g; $s =~ s/^ | $//g;
            while ($s =~ /^\(/) {
                my ($depth, $end) = (0, -1);
                for my $i (0 .. length($s) - 1) {
                    my $c = substr($s, $i, 1);
                    $depth++ if $c eq "("; $depth-- if $c eq ")";
                    if ($depth == 0) { $end = $i; last; }
                }
                last unless $end == length($s) - 1;
                $s = substr($s, 1, -1); $s =~ s/^ | $//g;
            }
            return $s;
        }
        $sql =~ /^CREATE (UNIQUE )?INDEX (\S+) ON (?:public\.)?\S+ (?:USING btree )?\(/i or die "unparsed index: $sql\n";
        my ($unique, $name, $pos) = ($1 ? "unique" : "", $2, $+[0]);
        my ($depth, $col, @cols) = (1, "");
        while ($depth > 0) {
            my $c = substr($sql, $pos++, 1);
            $depth++ if $c eq "("; $depth-- if $c eq ")";
            if ($depth == 0 || ($depth == 1 && $c eq ",")) { push @cols, unwrap($col); $col = ""; } else { $col .= $c; }
        }
        my $rest = substr($sql, $pos);
        my $where = $rest =~ /\bWHERE\b(.*)$/i ? unwrap($1) : "";
        print join("|", "index", $table, $name, $unique, join(",", @cols), $where), "\n";
    ' | sort
}

dump_sqlite() {
    sqlite3 -batch -noheader -separator '|' "$sqlite_db" <<'SQL'
SELECT 'table', name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';
SELECT 'column', m.name, c.cid + 1, c.name,
       CASE upper(c.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'BLOB' THEN 'bytea' WHEN 'REAL' THEN 'double precision'
                          ELSE lower(c.type) END,
       CASE WHEN c."notnull" THEN 'not null' ELSE 'null' END, coalesce(c.dflt_value, '')
FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%';
SELECT 'pk', t, group_concat(name, ',') FROM (
    SELECT m.name AS t, c.name, c.pk FROM sqlite_master m, pragma_table_info(m.name) c
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND c.pk > 0 ORDER BY t, c.pk)
GROUP BY t;
SELECT 'unique', t, group_concat(name, ',') FROM (
    SELECT m.name AS t, il.name AS ix, ii.name, ii.seqno
    FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND il.origin = 'u' ORDER BY t, ix, ii.seqno)
GROUP BY t, ix;
SELECT 'foreign key', t, group_concat("from", ','), ref, group_concat("to", ','), on_delete FROM (
    SELECT m.name AS t, f.id, f."table" AS ref, f."from", f."to", f.on_delete
    FROM sqlite_master m, pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY t, f.id, f.seq)
GROUP BY t, id;
SELECT 'checks', name, (length(upper(sql)) - length(replace(upper(sql), 'CHECK (', ''))) / 7
FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';
SELECT 'index', tbl_name, replace(replace(sql, char(13), ' '), char(10), ' ')
FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL;
SQL
}

dump_postgres() {
    "${psql[@]}" -d schema_check -A -t -F '|' <<'SQL'
SELECT 'table', table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';
SELECT 'column', table_name, row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position), column_name,
       data_type, CASE is_nullable WHEN 'NO' THEN 'not null' ELSE 'null' END,
       coalesce(regexp_replace(column_default, '::(text|bigint)$', ''), '')
FROM information_schema.columns WHERE table_schema = 'public';
SELECT 'text column not COLLATE "C"', table_name, column_name FROM information_schema.columns
WHERE table_schema = 'public' AND data_type = 'text' AND coalesce(collation_name, '') <> 'C';
SELECT CASE con.contype WHEN 'p' THEN 'pk' ELSE 'unique' END, con.conrelid::regclass::text,
       (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k (attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
FROM pg_constraint con WHERE con.connamespace = 'public'::regnamespace AND con.contype IN ('p', 'u');
SELECT 'foreign key', con.conrelid::regclass::text,
       (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k (attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       con.confrelid::regclass::text,
       (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k (attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
       CASE con.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                            WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END
FROM pg_constraint con WHERE con.connamespace = 'public'::regnamespace AND con.contype = 'f';
SELECT 'checks', c.relname, count(con.oid) FROM pg_class c
LEFT JOIN pg_constraint con ON con.conrelid = c.oid AND con.contype = 'c'
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' GROUP BY c.relname;
SELECT 'index', t.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'));
SQL
}

sqlite_files=$(cd "$sqlite_dir" && ls -1 [0-9]*.sql)
pg_files=$(cd "$pg_dir" && ls -1 [0-9]*.sql)
status=0
if [ "$sqlite_files" != "$pg_files" ]; then
    echo "The two engines' migration files differ:"
    diff <(echo "$sqlite_files") <(echo "$pg_files") || true
    status=1
fi

for file in $sqlite_files; do
    [ -f "$pg_dir/$file" ] || continue
    # Statements calling the Migrator's .NET functions cannot run in the sqlite3 shell; they only fill data.
    perl -0pe 's/^(?:UPDATE|INSERT)\b[^;]*\bregistry_(?:keys|tokens)\b[^;]*;\n//mg' "$sqlite_dir/$file" \
        | sqlite3 -batch -bail "$sqlite_db" >"$work/sqlite.log" 2>&1 \
        || { echo "$file: the SQLite script failed"; cat "$work/sqlite.log"; exit 1; }
    "${psql[@]}" -d schema_check -1 -f "$pg_dir/$file" >"$work/psql.log" 2>&1 \
        || { echo "$file: the PostgreSQL script failed"; cat "$work/psql.log"; exit 1; }
    dump_sqlite | normalize_indexes >"$work/sqlite.txt"
    dump_postgres | normalize_indexes >"$work/postgres.txt"
    if diff -u --label "sqlite after $file" --label "postgres after $file" "$work/sqlite.txt" "$work/postgres.txt"; then
        echo "$file: same schema ($(grep -c '^table|' "$work/sqlite.txt") tables, $(grep -c '^column|' "$work/sqlite.txt") columns, $(grep -c '^index|' "$work/sqlite.txt") indexes)"
    else
        status=1
    fi
done

[ "$status" = 0 ] && echo "pg-schema-check: the PostgreSQL migrations match the SQLite ones at every version" \
    || echo "pg-schema-check: DIFFERENCES found"
exit "$status"

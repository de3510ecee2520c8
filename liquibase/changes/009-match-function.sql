--liquibase formatted sql

-- public.match_iot_events: the nearest events to a query vector, for the app (supabase.rpc('match_iot_events',
-- ...), or plain SQL) and for this tool's own search command and HTTP API, which call it too.
--
-- security invoker: it reads as the caller, so the caller's row-level security on iot_events and
-- event_embeddings applies (grant-read gives a role both the read policy and the right to call this).
-- The index settings are set inside, scoped to the call by the function's SET clauses: ivfflat.probes
-- from the index's own lists (their square root, pgvector's guidance) and hnsw.ef_search at least
-- match_count; with pgvector >= 0.8, iterative index scans, so
-- a query whose filter or row-level security rejects most candidates still returns match_count rows,
-- within a bound (ivfflat.max_probes, hnsw.max_scan_tuples) so that no call walks the whole index;
-- a filter that leaves at most 10,000 events is answered exactly instead.
-- Filters are values, never SQL: a time range on created_at, and a jsonb object whose keys are columns
-- of iot_events, each matched as its column's type (equal; for a jsonb column, contained), e.g.
-- {"device_id": "dev-7"} or {"payload": {"room": "room-3"}}.
--changeset iot-embeddings:009-match-function runOnChange:true splitStatements:false
create or replace function public.match_iot_events(
  query_embedding vector(384),
  match_count integer default 10,
  since timestamptz default null,
  until timestamptz default null,
  filter jsonb default '{}'::jsonb)
returns table (id bigint, similarity double precision, created_at timestamptz, event jsonb)
language plpgsql stable security invoker
set ivfflat.probes = 10
set hnsw.ef_search = 100
as $$
declare
  lists integer;
  probes integer;
  conditions text := '';
  column_type record;
  key text;
  few bigint[];
begin
  if query_embedding is null then
    raise exception 'match_iot_events: query_embedding is null' using errcode = '22004';
  end if;
  if match_count is null or match_count < 1 or match_count > 1000 then
    raise exception 'match_iot_events: match_count must be between 1 and 1000, not %', match_count
      using errcode = '22023';
  end if;
  if filter is not null and jsonb_typeof(filter) <> 'object' then
    raise exception 'match_iot_events: filter must be a JSON object, such as {"device_id": "dev-7"}'
      using errcode = '22023';
  end if;

  -- Conditions from fixed fragments and column names checked against the catalog; the values stay
  -- parameters. Each key of filter becomes a predicate on its own column, typed as the column is, so the
  -- planner can use the table's own indexes and estimates (to_jsonb(e) @> filter could use neither).
  if since is not null then
    conditions := conditions || ' and e.created_at >= $3';
  end if;
  if until is not null then
    conditions := conditions || ' and e.created_at < $4';
  end if;
  for key in select jsonb_object_keys(coalesce(filter, '{}'::jsonb)) loop
    select a.attname, t.typname, t.typcategory, format_type(a.atttypid, a.atttypmod) as sql_type into column_type
    from pg_catalog.pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid
    where a.attrelid = 'public.iot_events'::regclass and a.attname = key and a.attnum > 0 and not a.attisdropped;
    if not found then
      raise exception 'match_iot_events: filter key "%" is not a column of public.iot_events', key
        using errcode = '42703';
    end if;
    conditions := conditions || case
      when jsonb_typeof(filter -> key) = 'null' then format(' and e.%I is null', key)
      when column_type.typname = 'jsonb' then format(' and e.%I @> ($5 -> %L)', key, key)
      when column_type.typname = 'json' then format(' and e.%I::jsonb @> ($5 -> %L)', key, key)
      when column_type.typcategory in ('S', 'N', 'B', 'D', 'U') then format(' and e.%I = ($5 ->> %L)::%s', key, key, column_type.sql_type)
      else format(' and (to_jsonb(e) -> %L) @> ($5 -> %L)', key, key)
    end;
  end loop;

  -- A filter that leaves few events is answered exactly: the distance to each of them, sorted (+ 0 keeps
  -- the planner off the vector index). An index walk would have to pass over the other 99 % of its
  -- candidates, and stops at hnsw.max_scan_tuples short of match_count rows (docs/BENCHMARKS.md, Search).
  -- The filtered events are read once: their ids (up to the bound) are collected here, and the answer is
  -- computed from them by primary key, in event_embeddings for the distances, in iot_events for the
  -- match_count nearest only. A filter on a column with no index costs one scan of iot_events, not two. A
  -- stable function's statements share the call's snapshot, so the ids are still exactly the filter's.
  if conditions <> '' then
    execute 'select array_agg(id) from (select e.id from public.iot_events e where true' || conditions
      || ' limit 10001) matching' into few using query_embedding, match_count, since, until, filter;
    if coalesce(cardinality(few), 0) <= 10000 then
      return query execute 'select e.id, 1 - n.distance, e.created_at, to_jsonb(e) from ('
        || 'select ee.event_id, (ee.embedding <=> $1) + 0 as distance from public.event_embeddings ee'
        || ' where ee.event_id = any($3) order by distance limit $2) n'
        || ' join public.iot_events e on e.id = n.event_id order by n.distance, e.id'
        using query_embedding, match_count, few;
      return;
    end if;
  end if;

  -- The ivfflat index's lists, from its definition (a catalog read, not a scan): 100 when it sets none.
  select coalesce(max(substring(option from '^lists=(\d+)$')::integer), 100) into lists
  from pg_catalog.pg_index i
  join pg_catalog.pg_class c on c.oid = i.indexrelid
  join pg_catalog.pg_am am on am.oid = c.relam
  left join lateral unnest(c.reloptions) option on option like 'lists=%'
  where i.indrelid = 'public.event_embeddings'::regclass and am.amname = 'ivfflat';
  -- set_config(..., true) inside a function with a SET clause for the same setting ends with the call.
  probes := greatest(1, ceil(sqrt(lists)));
  perform set_config('ivfflat.probes', probes::text, true);
  perform set_config('hnsw.ef_search', greatest(100, match_count)::text, true);
  -- An iterative IVFFlat scan probes list after list until match_count rows pass the filter and the
  -- caller's row-level security; by default it may probe every list, so a caller who sees fewer rows
  -- than match_count would read the whole index on every call. Here it stops at 4 x probes lists
  -- (ivfflat.max_probes): 40 of 100 lists, 128 of 1,000 (13 %), a fraction that falls as lists grow
  -- (every list of an index of 20 or fewer). A filter that leaves few events needs no walk (the exact
  -- path above); one that leaves many finds match_count rows long before the bound. The setting exists
  -- from pgvector 0.8 on, where the DO block below gives the function a SET clause for it.
  if current_setting('ivfflat.max_probes', true) is not null then
    perform set_config('ivfflat.max_probes', least(lists, 4 * probes)::text, true);
  end if;

  -- The inner query walks the index; the outer one restores strict order, which an iterative scan in
  -- relaxed order does not guarantee.
  return query execute 'select n.id, 1 - n.distance, n.created_at, n.event from ('
    || 'select e.id, ee.embedding <=> $1 as distance, e.created_at, to_jsonb(e) as event'
    || ' from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id where true'
    || conditions || ' order by ee.embedding <=> $1 limit $2) n order by n.distance, n.id'
    using query_embedding, match_count, since, until, filter;
end
$$;

-- In the same changeset, since create or replace drops these settings: operators resolve where the
-- vector extension lives (public, or Supabase's extensions), and nowhere a caller could put a
-- look-alike first. Iterative scans and their bounds exist from pgvector 0.8 on; older versions reject
-- the settings' names, so they are only set where they exist. The bounds are SET clauses so that no
-- database, role or session setting can lift them for this function: ivfflat.max_probes is set again
-- inside, from the index's lists (the value here only scopes that to the call); hnsw.max_scan_tuples is
-- pgvector's own default, 20,000 candidates, fixed: the cap that keeps a hopeless filter at about 430 ms
-- at 100k rows, where raising it only made such queries slower (docs/BENCHMARKS.md, Search).
do $$
declare
  vector_schema text;
  vector_version integer[];
  fn regprocedure := 'public.match_iot_events'::regproc::oid::regprocedure;
begin
  select n.nspname, string_to_array(regexp_replace(x.extversion, '[^0-9.].*$', ''), '.')::integer[]
    into vector_schema, vector_version
  from pg_extension x join pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector';
  execute format('alter function %s set search_path = pg_catalog, %I, pg_temp', fn, vector_schema);
  if vector_version >= array[0, 8] then
    execute format('alter function %s set hnsw.iterative_scan = relaxed_order', fn);
    execute format('alter function %s set ivfflat.iterative_scan = relaxed_order', fn);
    execute format('alter function %s set ivfflat.max_probes = 40', fn);
    execute format('alter function %s set hnsw.max_scan_tuples = 20000', fn);
  end if;
end $$;

-- Nobody may call it until grant-read says so: Supabase grants every new function in public to its API
-- roles by default, and an anonymous caller, though row-level security shows them no row, would still
-- make the database walk the index.
--changeset iot-embeddings:009-match-function-grants splitStatements:false
do $$
declare
  api_role text;
begin
  revoke execute on function public.match_iot_events from public;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke execute on function public.match_iot_events from %I', api_role);
    end if;
  end loop;
end $$;

--liquibase formatted sql

-- public.match_iot_events: the nearest events to a query vector, for the app (supabase.rpc('match_iot_events',
-- ...), or plain SQL) and for this tool's own search command and HTTP API, which call it too.
--
-- security invoker: it reads as the caller, so the caller's row-level security on iot_events and
-- event_embeddings applies (grant-read gives a role both the read policy and the right to call this).
-- The index settings are set inside, scoped to the call by the function's SET clauses: ivfflat.probes
-- from the index's own lists (their square root, pgvector's guidance) and hnsw.ef_search at least
-- match_count; with pgvector >= 0.8, iterative index scans, so
-- a query whose filter or row-level security rejects most candidates still returns match_count rows.
-- Filters are values, never SQL: a time range on created_at, and a jsonb object the event's row must
-- contain (to_jsonb(e) @> filter, e.g. {"device_id": "dev-7"} or {"payload": {"room": "room-3"}}).
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
  query text;
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

  -- The ivfflat index's lists, from its definition (a catalog read, not a scan): 100 when it sets none.
  select coalesce(max(substring(option from '^lists=(\d+)$')::integer), 100) into lists
  from pg_catalog.pg_index i
  join pg_catalog.pg_class c on c.oid = i.indexrelid
  join pg_catalog.pg_am am on am.oid = c.relam
  left join lateral unnest(c.reloptions) option on option like 'lists=%'
  where i.indrelid = 'public.event_embeddings'::regclass and am.amname = 'ivfflat';
  -- set_config(..., true) inside a function with a SET clause for the same setting ends with the call.
  perform set_config('ivfflat.probes', greatest(1, ceil(sqrt(lists)))::text, true);
  perform set_config('hnsw.ef_search', greatest(100, match_count)::text, true);

  -- Built from fixed fragments only, so the planner sees which filters are present; the values are
  -- parameters. The inner query walks the index; the outer one restores strict order, which an
  -- iterative scan in relaxed order does not guarantee.
  query := 'select n.id, 1 - n.distance, n.created_at, n.event from ('
    || 'select e.id, ee.embedding <=> $1 as distance, e.created_at, to_jsonb(e) as event'
    || ' from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id where true'
    || case when since is not null then ' and e.created_at >= $3' else '' end
    || case when until is not null then ' and e.created_at < $4' else '' end
    || case when filter is not null and filter <> '{}'::jsonb then ' and to_jsonb(e) @> $5' else '' end
    || ' order by ee.embedding <=> $1 limit $2) n order by n.distance, n.id';
  return query execute query using query_embedding, match_count, since, until, filter;
end
$$;

-- In the same changeset, since create or replace drops these settings: operators resolve where the
-- vector extension lives (public, or Supabase's extensions), and nowhere a caller could put a
-- look-alike first. Iterative scans exist from pgvector 0.8 on; older versions reject the setting's
-- name, so it is only set where it exists.
do $$
declare
  vector_schema text;
  vector_version integer[];
  fn regprocedure := 'public.match_iot_events(vector, integer, timestamptz, timestamptz, jsonb)'::regprocedure;
begin
  select n.nspname, string_to_array(regexp_replace(x.extversion, '[^0-9.].*$', ''), '.')::integer[]
    into vector_schema, vector_version
  from pg_extension x join pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector';
  execute format('alter function %s set search_path = pg_catalog, %I, pg_temp', fn, vector_schema);
  if vector_version >= array[0, 8] then
    execute format('alter function %s set hnsw.iterative_scan = relaxed_order', fn);
    execute format('alter function %s set ivfflat.iterative_scan = relaxed_order', fn);
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
  revoke execute on function public.match_iot_events(vector, integer, timestamptz, timestamptz, jsonb) from public;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke execute on function public.match_iot_events(vector, integer, timestamptz, timestamptz, jsonb) from %I', api_role);
    end if;
  end loop;
end $$;

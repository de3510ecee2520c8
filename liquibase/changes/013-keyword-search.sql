--liquibase formatted sql

-- Keyword search beside the vectors (issue 27): each embedding row keeps the lexemes of the text its vector
-- was made from (event_embeddings.keywords, a tsvector written by the same upsert as the vector), under a GIN
-- index, and public.hybrid_match_iot_events fuses keyword and vector candidates by reciprocal rank fusion.
-- public.iot_events is neither altered nor indexed. The notes on each step below are inside it, as Liquibase
-- counts the lines between two steps in the step above: rewording a function's notes then changes only the
-- checksum of that runOnChange step.
--
-- The text search configuration of every keyword document and query: PostgreSQL's english (Snowball
-- stemming, its stop words) under a name of the tool's own, so that one ALTER TEXT SEARCH CONFIGURATION here
-- (another language's stemmer, say) changes documents and queries together (then keyword-index --refill=true).
-- Identifiers need no mapping of their own: the default parser splits door-05 into the word door and the
-- signed integer -05, sensor-23 into sensor and -23, and keeps E1042 whole (numword); integers and
-- numwords map to the simple dictionary (lower-cased, never stemmed), and websearch_to_tsquery and
-- phraseto_tsquery turn door-05 into the phrase 'door' <-> '-05', which matches door-05 and neither door-50,
-- thermo-05 nor a door_opened event of another device (README, "Searching": ts_debug).
--changeset iot-embeddings:013-keyword-configuration splitStatements:false
do $$
begin
  if not exists (select 1 from pg_catalog.pg_ts_config c join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace
                 where n.nspname = '${toolSchema}' and c.cfgname = 'iot_events') then
    create text search configuration ${toolSchema}.iot_events (copy = pg_catalog.english);
  end if;
end $$;
comment on text search configuration ${toolSchema}.iot_events is
  'keyword documents and queries of event_embeddings.keywords and public.hybrid_match_iot_events';

--changeset iot-embeddings:013-keyword-column
-- A nullable column without a default: adding it changes the catalog only, whatever the table's size. Rows
-- written before it get their keywords from keyword-index, a resumable pass in slices (README, "Schema").
-- The toaster moves a long text's tsvector out of line before it would touch the vector (pgvector's storage
-- is external, tsvector's extended), so a row's vector stays in its page.
alter table public.event_embeddings add column if not exists keywords tsvector;
comment on column public.event_embeddings.keywords is
  'lexemes of the text that was embedded (the iot_events text search configuration of the tool''s schema)';

--changeset iot-embeddings:013-keywords-function runOnChange:true splitStatements:false
-- The keyword document of a text, one definition for the upsert and for keyword-index. The first 100,000
-- characters: PostgreSQL refuses a tsvector whose lexemes pass 1 MB, and one failing row would fail its
-- whole chunk; the model reads far fewer (256 tokens for the default model).
create or replace function ${toolSchema}.iot_events_keywords(embedded_text text) returns tsvector
language sql immutable parallel safe
as $$ select pg_catalog.to_tsvector('${toolSchema}.iot_events'::regconfig, left(coalesce(embedded_text, ''), 100000)) $$;

--changeset iot-embeddings:013-keywords-function-rights splitStatements:false
-- As for everything in the tool's schema (changeset 006): PUBLIC, anon and authenticated may not call it. A role
-- that may compute an event's text (the runtime role of grants, on an existing install) may compute its
-- keywords too, so its syncs go on writing after the upgrade without a new grant.
do $$
declare
  grantee_role text;
begin
  revoke execute on function ${toolSchema}.iot_events_keywords(text) from public;
  foreach grantee_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = grantee_role) then
      execute format('revoke execute on function ${toolSchema}.iot_events_keywords(text) from %I', grantee_role);
    end if;
  end loop;
  for grantee_role in
    select distinct a.grantee::regrole::text from pg_catalog.pg_proc p cross join lateral aclexplode(p.proacl) a
    where p.pronamespace = '${toolSchema}'::regnamespace and p.proname = 'iot_embeddings_event_text'
      and a.privilege_type = 'EXECUTE' and a.grantee <> 0 and a.grantee <> p.proowner
  loop
    execute format('grant execute on function ${toolSchema}.iot_events_keywords(text) to %s', grantee_role);
  end loop;
end $$;

--changeset iot-embeddings:013-keyword-fill
-- Where keyword-index stands: it walks event_ids downwards from below (set when it first runs), a slice per
-- transaction, and moves below with each slice, so an interrupted pass goes on where it stopped; refill:
-- recompute rows that have keywords too (--refill=true). A table that is empty now needs no pass: every row
-- it gets is written with its keywords.
create table if not exists ${toolSchema}.keyword_fill (
  id integer primary key default 1 check (id = 1),
  below bigint,
  refill boolean not null default false,
  filled bigint not null default 0,
  started_at timestamptz,
  finished_at timestamptz
);
insert into ${toolSchema}.keyword_fill (id, finished_at)
  select 1, case when exists (select 1 from public.event_embeddings) then null else now() end
  on conflict (id) do nothing;
revoke all on ${toolSchema}.keyword_fill from public;

--changeset iot-embeddings:013-keyword-index runInTransaction:false
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 select count(*) from pg_catalog.pg_index where indexrelid = to_regclass('public.event_embeddings_keywords_idx') and indisvalid
-- Built concurrently, so the tool's own writes go on meanwhile: on an existing table the column is still
-- empty, so the build is one pass over the table (docs/SCALING.md: its time at 1M rows). A build that
-- failed half-way leaves an invalid index, which the next migrate drops and builds again; a valid index of
-- this name (built by hand beforehand) is kept.
drop index concurrently if exists public.event_embeddings_keywords_idx;
create index concurrently event_embeddings_keywords_idx on public.event_embeddings using gin (keywords);

--changeset iot-embeddings:013-hybrid-function runOnChange:true splitStatements:false
-- public.hybrid_match_iot_events: keyword and vector candidates fused by reciprocal rank fusion, for the app
-- (supabase.rpc('hybrid_match_iot_events', ...)) and for this tool's search command, GET /search and the
-- console, which call it too.
--
-- Vector candidates: public.match_iot_events itself (its index settings, bounded iterative scans, exact path
-- for a selective filter), so both functions find the same neighbours. Keyword candidates: the events whose
-- keywords match websearch_to_tsquery(query_text) (all its words; "quoted phrases", or, -word), through the
-- GIN index; and when the query names identifiers (words with a letter and a digit, such as door-05 or
-- E1042) and uses no operator, then the events that match those identifiers alone, after the full matches.
-- Each list is the newest `candidates` matches, looked for in growing stretches of the newest ids (below),
-- ranked by ts_rank_cd, then newest first.
-- Fusion: score = keyword_weight / (rrf_k + keyword rank) + semantic_weight / (rrf_k + semantic rank), a
-- list that did not return the event adding nothing; keyword_rank and semantic_rank say which list found
-- each hit (null: not that one). Defaults: rrf_k 60 (Cormack et al.'s constant); keyword_weight 1.2, so that
-- the first 13 keyword hits (more than a page of 10) come before any event that only the vector list holds:
-- keyword hits match every word of the query or every identifier it names, and at equal weights they
-- alternated with other devices' events (docs/BENCHMARKS.md, "Hybrid search"). An event that both lists
-- hold still comes first. Filters as match_iot_events: since, until and filter, the same conditions.
-- security invoker: the caller's row-level security on iot_events and event_embeddings applies.
create or replace function public.hybrid_match_iot_events(
  query_text text,
  query_embedding vector(384),
  match_count integer default 10,
  since timestamptz default null,
  until timestamptz default null,
  filter jsonb default '{}'::jsonb,
  keyword_weight double precision default 1.2,
  semantic_weight double precision default 1,
  rrf_k integer default 60)
returns table (id bigint, similarity double precision, created_at timestamptz, event jsonb,
               keyword_rank integer, semantic_rank integer, score double precision)
language plpgsql stable security invoker
as $$
#variable_conflict use_column
declare
  candidates integer;
  config regconfig;
  all_terms tsquery;
  identifiers tsquery;
  any_term tsquery;
  conditions text := '';
  column_type record;
  key text;
  keyword_ids bigint[];
  keyword_distances double precision[];
  more_ids bigint[];
  joined text;
  top bigint;
  above bigint;
  span bigint;
  tier integer;
  more_distances double precision[];
  -- One tier of keyword candidates: the newest $2 events above id $9 matching $1 (and not $7), best by $6 first.
  keyword_sql text := 'select array_agg(event_id order by rank desc, event_id desc),'
    || ' array_agg(distance order by rank desc, event_id desc) from (select ee.event_id,'
    || ' ts_rank_cd(ee.keywords, $6) as rank, ee.embedding <=> $8 as distance from public.event_embeddings ee%1$s'
    || ' where ee.keywords @@ $1 and ($7 is null or not ee.keywords @@ $7) and ($9 is null or ee.event_id > $9)%2$s'
    || ' order by ee.event_id desc limit $2) matched';
  semantic_ids bigint[];
  semantic_similarities double precision[];
begin
  if nullif(btrim(query_text), '') is null and query_embedding is null then
    raise exception 'hybrid_match_iot_events: give query_text, query_embedding or both' using errcode = '22004';
  end if;
  if match_count is null or match_count < 1 or match_count > 1000 then
    raise exception 'hybrid_match_iot_events: match_count must be between 1 and 1000, not %', match_count
      using errcode = '22023';
  end if;
  if rrf_k is null or rrf_k < 1 or keyword_weight is null or keyword_weight < 0 or semantic_weight is null
      or semantic_weight < 0 or keyword_weight + semantic_weight = 0 then
    raise exception 'hybrid_match_iot_events: rrf_k must be at least 1 and the weights at least 0, not both 0'
      using errcode = '22023';
  end if;
  if filter is not null and jsonb_typeof(filter) <> 'object' then
    raise exception 'hybrid_match_iot_events: filter must be a JSON object, such as {"device_id": "dev-7"}'
      using errcode = '22023';
  end if;
  -- Each list's length: enough below match_count for a hit that one list ranks low to be lifted by the other.
  candidates := least(1000, greatest(50, 5 * match_count));

  -- The same conditions as match_iot_events builds (changeset 009): fixed fragments, column names checked
  -- against the catalog, the values parameters $3 (since), $4 (until) and $5 (filter).
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
      raise exception 'hybrid_match_iot_events: filter key "%" is not a column of public.iot_events', key
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

  if query_embedding is not null and semantic_weight > 0 then
    select array_agg(m.id order by m.n), array_agg(m.similarity order by m.n)
      into semantic_ids, semantic_similarities
    from public.match_iot_events(query_embedding, candidates, since, until, filter)
      with ordinality as m(id, similarity, created_at, event, n);
  end if;

  if nullif(btrim(query_text), '') is not null and keyword_weight > 0 then
    -- The configuration by its oid, read from the catalog: a caller needs no right on the tool's schema,
    -- which API roles do not have (naming it would need USAGE there).
    select c.oid::regconfig into config
    from pg_catalog.pg_ts_config c join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace
    where n.nspname = '${toolSchema}' and c.cfgname = 'iot_events';
    all_terms := websearch_to_tsquery(config, query_text);
    if numnode(all_terms) = 0 then
      all_terms := null;
    elsif query_text !~* '["()]|(^|\s)-|\sor\s' then
      -- Identifiers are what a keyword search is for: events of door-05 come next even when they lack the
      -- query's other words, ranked by how many of those they have.
      identifiers := websearch_to_tsquery(config, (select string_agg(word, ' ')
        from regexp_split_to_table(query_text, '\s+') word where word ~ '[[:alpha:]]' and word ~ '[[:digit:]]'));
      if numnode(identifiers) = 0 or identifiers::text = all_terms::text then
        identifiers := null;
      else
        any_term := replace(all_terms::text, ' & ', ' | ')::tsquery;
      end if;
    end if;
    if all_terms is not null then
      joined := case when conditions = '' then '' else ' join public.iot_events e on e.id = ee.event_id' end;
      -- The newest event id the planner's statistics know (no row is read, so row-level security makes no
      -- walk of it): the first pass looks among the 10,000 ids below it and the newer ones, each next pass
      -- among ten times as many, the last among all, until one finds `candidates` matches. A common word
      -- then costs the matches of a recent stretch, not of the whole table; a rare one a few short passes.
      select (s.histogram_bounds::text::bigint[])[cardinality(s.histogram_bounds::text::bigint[])] into top
      from pg_catalog.pg_stats s
      where s.schemaname = 'public' and s.tablename = 'event_embeddings' and s.attname = 'event_id';
      for tier in 1..2 loop
        -- Tier 1, every word; tier 2, the identifiers alone, for the places tier 1 left.
        exit when tier = 2 and (identifiers is null or coalesce(cardinality(keyword_ids), 0) >= candidates);
        span := 10000;
        loop
          above := case when top is not null and span < 100000000 then top - span end;
          if tier = 1 then
            execute format(keyword_sql, joined, conditions) into more_ids, more_distances
              using all_terms, candidates, since, until, filter, all_terms, null::tsquery, query_embedding, above;
          else
            execute format(keyword_sql, joined, conditions) into more_ids, more_distances
              using identifiers, candidates - coalesce(cardinality(keyword_ids), 0), since, until, filter, any_term,
                all_terms, query_embedding, above;
          end if;
          exit when above is null
            or coalesce(cardinality(more_ids), 0) >= candidates - coalesce(cardinality(keyword_ids), 0);
          span := span * 10;
        end loop;
        keyword_ids := coalesce(keyword_ids, '{}') || coalesce(more_ids, '{}');
        keyword_distances := coalesce(keyword_distances, '{}') || coalesce(more_distances, '{}');
      end loop;
      if cardinality(keyword_ids) = 0 then
        keyword_ids := null;
      end if;
    end if;
  end if;

  -- The vector list is the nearest `candidates` of the index walk's and the keyword candidates' together, by
  -- their exact distance: a keyword candidate that an approximate walk missed, though nearer than what it
  -- returned, takes its place there as an exact search would have given it.
  if query_embedding is not null and semantic_weight > 0 and keyword_ids is not null then
    select array_agg(u.event_id order by u.similarity desc, u.event_id), array_agg(u.similarity order by u.similarity desc, u.event_id)
      into semantic_ids, semantic_similarities
    from (select c.event_id, max(c.similarity) as similarity from (
            select * from unnest(semantic_ids, semantic_similarities) as a(event_id, similarity)
            union all
            select b.event_id, 1 - b.distance from unnest(keyword_ids, keyword_distances) as b(event_id, distance)
          ) c group by c.event_id
          order by similarity desc, c.event_id limit candidates) u;
  end if;

  return query
  with k as (
    select u.event_id as k_id, u.n::integer as k_rank from unnest(keyword_ids) with ordinality as u(event_id, n)
    where u.n <= candidates
  ), s as (
    select u.event_id as s_id, u.n::integer as s_rank, u.similarity as s_similarity
    from unnest(semantic_ids, semantic_similarities) with ordinality as u(event_id, similarity, n)
  ), fused as (
    select coalesce(k.k_id, s.s_id) as f_id, k.k_rank, s.s_rank, s.s_similarity,
      coalesce(keyword_weight / (rrf_k + k.k_rank), 0) + coalesce(semantic_weight / (rrf_k + s.s_rank), 0) as f_score
    from k full join s on s.s_id = k.k_id
    order by f_score desc, least(k.k_rank, s.s_rank), coalesce(k.k_id, s.s_id) desc
    limit match_count
  )
  select e.id, coalesce(f.s_similarity, 1 - (ee.embedding <=> query_embedding)), e.created_at, to_jsonb(e),
    f.k_rank, f.s_rank, f.f_score
  from fused f
  join public.iot_events e on e.id = f.f_id
  left join public.event_embeddings ee on ee.event_id = f.f_id and f.s_similarity is null
  order by f.f_score desc, least(f.k_rank, f.s_rank), f.f_id desc;
end
$$;

-- As for match_iot_events (changeset 009): operators resolve where the vector extension lives, and nowhere a
-- caller could put a look-alike first. The vector walk's settings and bounds are match_iot_events' own.
do $$
declare
  vector_schema text;
  fn regprocedure := 'public.hybrid_match_iot_events'::regproc::oid::regprocedure;
begin
  select n.nspname into vector_schema
  from pg_extension x join pg_namespace n on n.oid = x.extnamespace where x.extname = 'vector';
  execute format('alter function %s set search_path = pg_catalog, %I, pg_temp', fn, vector_schema);
end $$;

--changeset iot-embeddings:013-hybrid-function-grants splitStatements:false
-- Nobody may call it until grant-read says so, as for match_iot_events.
do $$
declare
  api_role text;
begin
  revoke execute on function public.hybrid_match_iot_events from public;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke execute on function public.hybrid_match_iot_events from %I', api_role);
    end if;
  end loop;
end $$;

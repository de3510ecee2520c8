--liquibase formatted sql

-- public.event_embeddings is open to Supabase's API roles and to PUBLIC for exactly what grant-read gives,
-- and nothing else (issue 24). Supabase's default privileges grant anon and authenticated every right on a
-- new table in public; row-level security keeps its rows from them, but not TRUNCATE (which RLS does not
-- cover), TRIGGER (a trigger of theirs would run on the tool's writes) or REFERENCES. So everything is
-- revoked, from PUBLIC too, and select is granted back to the API roles that hold one of grant-read's
-- policies (named iot_embeddings_read_*, the single policy of earlier versions,
-- iot_embeddings_read_with_event, among them), so an app that opted in keeps reading. Revoking a table's
-- rights revokes its columns' too. An existing install gets this on its next migrate; on plain PostgreSQL
-- the API roles do not exist and only PUBLIC is concerned.
--changeset iot-embeddings:012-event-embeddings-api-roles splitStatements:false
do $$
declare
  api_role text;
begin
  revoke all on public.event_embeddings from public;
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on public.event_embeddings from %I', api_role);
      if exists (select 1 from pg_policies where schemaname = 'public' and tablename = 'event_embeddings'
          and policyname like 'iot\_embeddings\_read\_%' and api_role = any(roles)) then
        execute format('grant select on public.event_embeddings to %I', api_role);
      end if;
    end if;
  end loop;
end $$;

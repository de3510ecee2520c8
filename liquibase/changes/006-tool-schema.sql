--liquibase formatted sql

-- Everything the tool owns, except public.event_embeddings, lives in its own schema (embeddings by
-- default, property embeddings.schema), never in public: on Supabase, public is served to anonymous
-- visitors by the Data API, with broad default grants. An earlier version's objects were moved there
-- before this changelog ran (ToolSchemaLayout); on a new database only the errors table of changeset
-- 005 is left to move. Nobody but the owner may use the schema.
--changeset iot-embeddings:006-tool-schema splitStatements:true endDelimiter:;
alter table if exists public.event_embedding_errors set schema ${toolSchema};
revoke all on schema ${toolSchema} from public;
revoke all on all tables in schema ${toolSchema} from public;
revoke all on all sequences in schema ${toolSchema} from public;
revoke execute on all functions in schema ${toolSchema} from public;

-- Supabase's API roles, where they exist, hold no right on anything in it either.
--changeset iot-embeddings:006-tool-schema-api-roles splitStatements:false
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_roles where rolname = api_role) then
      execute format('revoke all on schema %I from %I', '${toolSchema}', api_role);
      execute format('revoke all on all tables in schema %I from %I', '${toolSchema}', api_role);
      execute format('revoke all on all sequences in schema %I from %I', '${toolSchema}', api_role);
      execute format('revoke all on all functions in schema %I from %I', '${toolSchema}', api_role);
    end if;
  end loop;
end $$;

-- public.event_embeddings as the Liquibase changelog creates it[# th:each="changeset : ${changesets}"]

-- [(${changeset.name})]
[(${changeset.text})][/]

-- match_iot_events as shipped, over the database scripts/bench-search.sh prepared (docs/BENCHMARKS.md, "As shipped now"):
--   flock /tmp/iot-bench.lock runuser -u postgres -- psql -d iot_embeddings_search_100000 -q -f scripts/bench-search-function.sql
-- recall@10 (ties: distance <= exact 10th + 1e-6) and per-call latency of match_iot_events as shipped
create temp table results (variant text, q int, hits int, good int, ms float8);
do $$
declare v record; qq record; t0 timestamptz; n int; g int;
begin
  for v in select * from search_bench.variants where variant in ('time', 'device', 'payload', 'none') loop
    for qq in select q.q, q.embedding, x.kth from search_bench.queries q join search_bench.exact x on x.q = q.q and x.variant = v.variant loop
      t0 := clock_timestamp();
      select count(*), count(*) filter (where 1 - m.similarity <= qq.kth + 1e-6) into n, g
      from public.match_iot_events(qq.embedding, 10, v.since, v.until, coalesce(v.filter, '{}'::jsonb)) m;
      insert into results values (v.variant, qq.q, n, g, extract(epoch from clock_timestamp() - t0) * 1000);
    end loop;
  end loop;
end $$;
select variant, round(sum(good)::numeric / (count(*) * 10), 3) as recall, count(*) filter (where hits < 10) as short,
  round(percentile_cont(0.5) within group (order by ms)::numeric, 2) as p50_ms,
  round(percentile_cont(0.95) within group (order by ms)::numeric, 2) as p95_ms
from results group by variant order by variant;

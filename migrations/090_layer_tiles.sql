-- Vector tiles of each layer version, computed once at import (src/lib/server/tiles/pyramid.ts): serving a
-- tile is a primary-key lookup. In the database rather than a PMTiles file under DATA_DIR because every app
-- instance must see them (DESIGN.md, Scale) and they belong to the version's transaction history: a version
-- and its tiles are deleted together, backed up together, and replicas serve them too.
-- Only non-empty tiles are stored; a missing tile inside a built pyramid is empty.
create table layer_tiles (
  version_id integer not null references layer_versions (id) on delete cascade,
  z smallint not null,
  x integer not null,
  y integer not null,
  data bytea not null,
  primary key (version_id, z, x, y)
);

-- Deepest stored zoom of the version's pyramid (deeper tiles are cut from it); null = not built yet
-- (versions imported before this migration: built in the background at start, rendered on the fly until then).
alter table layer_versions add column tile_max_zoom smallint;

-- MVT is already compact (zigzag deltas): store out of line without compression, so a lookup does not
-- decompress megabytes for the city-scale tiles.
alter table layer_tiles alter column data set storage external;

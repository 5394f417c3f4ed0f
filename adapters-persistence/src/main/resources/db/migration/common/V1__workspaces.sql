-- One row per database: the registry's identity, so runtimes notice when the data was lost.
create table registry_meta (
  singleton    integer     not null primary key,
  registry_id  varchar(64) not null,
  created_at   bigint      not null
);

-- Hard state: lifecycle, token, card. Written only when something changed, with a version check.
-- Times are epoch milliseconds (UTC) so that both dialects keep them alike.
create table workspace (
  id                  varchar(128) not null primary key,
  version             bigint       not null,
  lifecycle           varchar(16)  not null,
  state               varchar(32)  not null,
  token_hash          varchar(64),
  token_prefix        varchar(8),
  token_boot          varchar(64),
  token_origin        varchar(16),
  token_claimed       integer,
  token_issued_at     bigint,
  card_json           text,
  card_digest         varchar(71),
  card_generation     bigint,
  card_stored_at      bigint,
  rejection_json      text,
  generation_counter  bigint       not null,
  enrollment_key_hash varchar(64),
  displaced_boot      varchar(64),
  conflict_holder     varchar(64),
  conflict_contender  varchar(64),
  conflict_at         bigint,
  created_at          bigint       not null,
  updated_at          bigint       not null
);

-- Soft state: the newest contact of each workspace, written in coalesced batches.
create table workspace_contact (
  workspace_id     varchar(128) not null primary key,
  last_contact_at  bigint       not null,
  boot_id          varchar(64)
);

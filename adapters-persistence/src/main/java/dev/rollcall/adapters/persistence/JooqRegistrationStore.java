package dev.rollcall.adapters.persistence;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.domain.AgentCard;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.CardViolation;
import dev.rollcall.domain.Conflict;
import dev.rollcall.domain.Lifecycle;
import dev.rollcall.domain.LiveToken;
import dev.rollcall.domain.Registration;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.SecretHash;
import dev.rollcall.domain.StoredCard;
import dev.rollcall.domain.TokenOrigin;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.InsertValuesStep3;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * The store port on jOOQ: the same SQL for SQLite and PostgreSQL. Hard-state writes are single
 * statements guarded by the row version; contacts are upserted in batches that never move a contact
 * back in time. Thread-safe.
 */
public final class JooqRegistrationStore implements RegistrationStore {
  private static final Table<Record> META = table(name("registry_meta"));
  private static final Field<Integer> META_SINGLETON =
      field(name("singleton"), SQLDataType.INTEGER);
  private static final Field<String> META_REGISTRY_ID =
      field(name("registry_id"), SQLDataType.VARCHAR);
  private static final Field<Long> META_CREATED_AT = field(name("created_at"), SQLDataType.BIGINT);

  private static final Table<Record> WORKSPACE = table(name("workspace"));
  private static final Field<String> ID = field(name("id"), SQLDataType.VARCHAR);
  private static final Field<Long> VERSION = field(name("version"), SQLDataType.BIGINT);
  private static final Field<String> LIFECYCLE = field(name("lifecycle"), SQLDataType.VARCHAR);
  private static final Field<String> STATE = field(name("state"), SQLDataType.VARCHAR);
  private static final Field<String> TOKEN_HASH = field(name("token_hash"), SQLDataType.VARCHAR);
  private static final Field<String> TOKEN_PREFIX =
      field(name("token_prefix"), SQLDataType.VARCHAR);
  private static final Field<String> TOKEN_BOOT = field(name("token_boot"), SQLDataType.VARCHAR);
  private static final Field<String> TOKEN_ORIGIN =
      field(name("token_origin"), SQLDataType.VARCHAR);
  private static final Field<Integer> TOKEN_CLAIMED =
      field(name("token_claimed"), SQLDataType.INTEGER);
  private static final Field<Long> TOKEN_ISSUED_AT =
      field(name("token_issued_at"), SQLDataType.BIGINT);
  private static final Field<String> CARD_JSON = field(name("card_json"), SQLDataType.CLOB);
  private static final Field<String> CARD_DIGEST = field(name("card_digest"), SQLDataType.VARCHAR);
  private static final Field<Long> CARD_GENERATION =
      field(name("card_generation"), SQLDataType.BIGINT);
  private static final Field<Long> CARD_STORED_AT =
      field(name("card_stored_at"), SQLDataType.BIGINT);
  private static final Field<String> REJECTION_JSON =
      field(name("rejection_json"), SQLDataType.CLOB);
  private static final Field<Long> GENERATION_COUNTER =
      field(name("generation_counter"), SQLDataType.BIGINT);
  private static final Field<String> ENROLLMENT_KEY_HASH =
      field(name("enrollment_key_hash"), SQLDataType.VARCHAR);
  private static final Field<String> DISPLACED_BOOT =
      field(name("displaced_boot"), SQLDataType.VARCHAR);
  private static final Field<String> CONFLICT_HOLDER =
      field(name("conflict_holder"), SQLDataType.VARCHAR);
  private static final Field<String> CONFLICT_CONTENDER =
      field(name("conflict_contender"), SQLDataType.VARCHAR);
  private static final Field<Long> CONFLICT_AT = field(name("conflict_at"), SQLDataType.BIGINT);
  private static final Field<Long> CREATED_AT = field(name("created_at"), SQLDataType.BIGINT);
  private static final Field<Long> UPDATED_AT = field(name("updated_at"), SQLDataType.BIGINT);

  /**
   * Every column of {@code workspace}, named in each select: jOOQ then knows the row's shape and
   * need not read it from the result set's metadata on every query (the heartbeat path).
   */
  private static final List<Field<?>> WORKSPACE_COLUMNS =
      List.of(
          ID,
          VERSION,
          LIFECYCLE,
          STATE,
          TOKEN_HASH,
          TOKEN_PREFIX,
          TOKEN_BOOT,
          TOKEN_ORIGIN,
          TOKEN_CLAIMED,
          TOKEN_ISSUED_AT,
          CARD_JSON,
          CARD_DIGEST,
          CARD_GENERATION,
          CARD_STORED_AT,
          REJECTION_JSON,
          GENERATION_COUNTER,
          ENROLLMENT_KEY_HASH,
          DISPLACED_BOOT,
          CONFLICT_HOLDER,
          CONFLICT_CONTENDER,
          CONFLICT_AT,
          CREATED_AT,
          UPDATED_AT);

  private static final Table<Record> CONTACT = table(name("workspace_contact"));
  private static final Field<String> CONTACT_ID = field(name("workspace_id"), SQLDataType.VARCHAR);
  private static final Field<Long> CONTACT_AT = field(name("last_contact_at"), SQLDataType.BIGINT);
  private static final Field<String> CONTACT_BOOT = field(name("boot_id"), SQLDataType.VARCHAR);

  private static final int CONTACT_BATCH = 500;

  private final Database db;
  private final ObjectMapper json = new ObjectMapper();
  private final String registryId;

  public JooqRegistrationStore(Database db) {
    this.db = db;
    this.registryId = guard(this::loadOrCreateRegistryId);
  }

  private String loadOrCreateRegistryId() {
    write(
        db.dsl()
            .insertInto(META, META_SINGLETON, META_REGISTRY_ID, META_CREATED_AT)
            .values(1, UUID.randomUUID().toString(), System.currentTimeMillis())
            .onConflictDoNothing());
    return db.dsl()
        .select(META_REGISTRY_ID)
        .from(META)
        .where(META_SINGLETON.eq(1))
        .fetchOne(META_REGISTRY_ID);
  }

  @Override
  public Optional<Workspace> find(WorkspaceId id) {
    return guard(
        () ->
            db.dsl()
                .select(WORKSPACE_COLUMNS)
                .from(WORKSPACE)
                .where(ID.eq(id.value()))
                .fetchOptional()
                .map(this::toWorkspace));
  }

  @Override
  public List<Workspace> findAll() {
    return guard(
        () ->
            db.dsl()
                .select(WORKSPACE_COLUMNS)
                .from(WORKSPACE)
                .orderBy(ID)
                .fetch(this::toWorkspace));
  }

  @Override
  public void insert(Workspace workspace) {
    Map<Field<?>, Object> row = toRow(workspace);
    row.put(VERSION, 1L);
    int inserted =
        guard(() -> write(db.dsl().insertInto(WORKSPACE).set(row).onConflictDoNothing()));
    if (inserted == 0) {
      throw new ConcurrentUpdateException("workspace " + workspace.id() + " already exists");
    }
  }

  @Override
  public void update(Workspace workspace) {
    Map<Field<?>, Object> row = toRow(workspace);
    row.remove(ID);
    row.put(VERSION, workspace.version() + 1);
    int updated =
        guard(
            () ->
                write(
                    db.dsl()
                        .update(WORKSPACE)
                        .set(row)
                        .where(
                            ID.eq(workspace.id().value()).and(VERSION.eq(workspace.version())))));
    if (updated == 0) {
      throw new ConcurrentUpdateException(
          "workspace " + workspace.id() + " changed since version " + workspace.version());
    }
  }

  @Override
  public void saveContacts(Collection<Contact> contacts) {
    List<Contact> all = new ArrayList<>(contacts);
    guard(
        () -> {
          for (int from = 0; from < all.size(); from += CONTACT_BATCH) {
            List<Contact> chunk = all.subList(from, Math.min(all.size(), from + CONTACT_BATCH));
            InsertValuesStep3<Record, String, Long, String> insert =
                db.dsl().insertInto(CONTACT, CONTACT_ID, CONTACT_AT, CONTACT_BOOT);
            for (Contact c : chunk) {
              insert =
                  insert.values(
                      c.workspaceId().value(),
                      c.at().toEpochMilli(),
                      c.bootId().map(BootId::value).orElse(null));
            }
            write(
                insert
                    .onConflict(CONTACT_ID)
                    .doUpdate()
                    .set(CONTACT_AT, excluded(CONTACT_AT))
                    .set(CONTACT_BOOT, excluded(CONTACT_BOOT))
                    .where(
                        field(name("workspace_contact", "last_contact_at"), SQLDataType.BIGINT)
                            .lt(excluded(CONTACT_AT))));
          }
          return null;
        });
  }

  @Override
  public Map<WorkspaceId, Contact> contacts() {
    return guard(
        () -> {
          Map<WorkspaceId, Contact> out = new HashMap<>();
          for (Record3<String, Long, String> r :
              db.dsl().select(CONTACT_ID, CONTACT_AT, CONTACT_BOOT).from(CONTACT).fetch()) {
            WorkspaceId id = new WorkspaceId(r.value1());
            out.put(
                id,
                new Contact(
                    id,
                    Instant.ofEpochMilli(r.value2()),
                    Optional.ofNullable(r.value3()).map(BootId::new)));
          }
          return out;
        });
  }

  @Override
  public Optional<Contact> contact(WorkspaceId id) {
    return guard(
        () ->
            db.dsl()
                .select(CONTACT_AT, CONTACT_BOOT)
                .from(CONTACT)
                .where(CONTACT_ID.eq(id.value()))
                .fetchOptional(
                    r ->
                        new Contact(
                            id,
                            Instant.ofEpochMilli(r.value1()),
                            Optional.ofNullable(r.value2()).map(BootId::new))));
  }

  @Override
  public String registryId() {
    return registryId;
  }

  @Override
  public void ping() {
    guard(() -> db.dsl().selectOne().fetch());
  }

  /**
   * Executes one write statement. On SQLite it goes through the one writer, rendered first, so that
   * only the database's own work waits for the turn.
   */
  private int write(Query statement) {
    Optional<SqliteWriter> writer = db.sqliteWriter();
    if (writer.isEmpty()) {
      return statement.execute();
    }
    return writer.get().execute(statement.getSQL(), statement.getBindValues().toArray());
  }

  /** Every store failure becomes {@link StoreUnavailableException}: callers fail closed. */
  private static <T> T guard(Supplier<T> action) {
    try {
      return action.get();
    } catch (DataAccessException e) {
      throw new StoreUnavailableException(
          "the registry's store did not answer: " + e.getMessage(), e);
    }
  }

  private Map<Field<?>, Object> toRow(Workspace ws) {
    Map<Field<?>, Object> row = new LinkedHashMap<>();
    row.put(ID, ws.id().value());
    row.put(LIFECYCLE, ws.lifecycle().name());
    row.put(STATE, ws.state().name());
    Optional<LiveToken> token = ws.liveToken();
    row.put(TOKEN_HASH, token.map(t -> t.hash().hex()).orElse(null));
    row.put(TOKEN_PREFIX, token.map(LiveToken::prefix).orElse(null));
    row.put(TOKEN_BOOT, token.flatMap(LiveToken::boundBoot).map(BootId::value).orElse(null));
    row.put(TOKEN_ORIGIN, token.map(t -> t.origin().name()).orElse(null));
    row.put(TOKEN_CLAIMED, token.map(t -> t.claimed() ? 1 : 0).orElse(null));
    row.put(TOKEN_ISSUED_AT, token.map(t -> t.issuedAt().toEpochMilli()).orElse(null));
    Optional<StoredCard> card = ws.storedCard();
    row.put(CARD_JSON, card.map(c -> c.card().canonicalJson()).orElse(null));
    row.put(CARD_DIGEST, card.map(c -> c.digest().value()).orElse(null));
    row.put(CARD_GENERATION, card.map(StoredCard::generation).orElse(null));
    row.put(CARD_STORED_AT, card.map(c -> c.storedAt().toEpochMilli()).orElse(null));
    row.put(REJECTION_JSON, ws.registration().rejection().map(this::rejectionJson).orElse(null));
    row.put(GENERATION_COUNTER, ws.cardGeneration());
    row.put(ENROLLMENT_KEY_HASH, ws.enrollmentKey().map(SecretHash::hex).orElse(null));
    row.put(DISPLACED_BOOT, ws.displacedBoot().map(BootId::value).orElse(null));
    row.put(CONFLICT_HOLDER, ws.conflict().map(c -> c.holder().value()).orElse(null));
    row.put(CONFLICT_CONTENDER, ws.conflict().map(c -> c.contender().value()).orElse(null));
    row.put(CONFLICT_AT, ws.conflict().map(c -> c.detectedAt().toEpochMilli()).orElse(null));
    row.put(CREATED_AT, ws.createdAt().toEpochMilli());
    row.put(UPDATED_AT, ws.updatedAt().toEpochMilli());
    return row;
  }

  /** The one row-to-domain mapping. */
  private Workspace toWorkspace(Record r) {
    RegistrationState state = RegistrationState.valueOf(r.get(STATE));
    Registration registration;
    if (state == RegistrationState.UNREGISTERED) {
      registration = new Registration.Unregistered();
    } else {
      LiveToken token =
          new LiveToken(
              new SecretHash(r.get(TOKEN_HASH)),
              r.get(TOKEN_PREFIX),
              Optional.ofNullable(r.get(TOKEN_BOOT)).map(BootId::new),
              TokenOrigin.valueOf(r.get(TOKEN_ORIGIN)),
              r.get(TOKEN_CLAIMED) == 1,
              Instant.ofEpochMilli(r.get(TOKEN_ISSUED_AT)));
      if (state == RegistrationState.COMPLETE) {
        String canonical = r.get(CARD_JSON);
        AgentCard card =
            AgentCard.fromStored(
                () -> parse(canonical), canonical, new CardDigest(r.get(CARD_DIGEST)));
        registration =
            new Registration.Complete(
                token,
                new StoredCard(
                    card, r.get(CARD_GENERATION), Instant.ofEpochMilli(r.get(CARD_STORED_AT))));
      } else {
        registration =
            new Registration.RegisteredNoCard(
                token, Optional.ofNullable(r.get(REJECTION_JSON)).map(this::parseRejection));
      }
    }
    Optional<Conflict> conflict =
        Optional.ofNullable(r.get(CONFLICT_HOLDER))
            .map(
                holder ->
                    new Conflict(
                        new BootId(holder),
                        new BootId(r.get(CONFLICT_CONTENDER)),
                        Instant.ofEpochMilli(r.get(CONFLICT_AT))));
    return new Workspace(
        new WorkspaceId(r.get(ID)),
        r.get(VERSION),
        Lifecycle.valueOf(r.get(LIFECYCLE)),
        registration,
        r.get(GENERATION_COUNTER),
        Optional.ofNullable(r.get(ENROLLMENT_KEY_HASH)).map(SecretHash::new),
        Optional.ofNullable(r.get(DISPLACED_BOOT)).map(BootId::new),
        conflict,
        Instant.ofEpochMilli(r.get(CREATED_AT)),
        Instant.ofEpochMilli(r.get(UPDATED_AT)));
  }

  private record RejectionRow(String digest, List<Map<String, String>> violations, long at) {}

  private String rejectionJson(CardRejection rejection) {
    List<Map<String, String>> violations =
        rejection.violations().stream()
            .map(v -> Map.of("path", v.path(), "message", v.message()))
            .toList();
    try {
      return json.writeValueAsString(
          new RejectionRow(rejection.digest().value(), violations, rejection.at().toEpochMilli()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rejection always serialises", e);
    }
  }

  private CardRejection parseRejection(String text) {
    try {
      RejectionRow row = json.readValue(text, RejectionRow.class);
      return new CardRejection(
          new CardDigest(row.digest()),
          row.violations().stream()
              .map(v -> new CardViolation(v.get("path"), v.get("message")))
              .toList(),
          Instant.ofEpochMilli(row.at()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored rejection is not valid JSON", e);
    }
  }

  private Object parse(String text) {
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored card is not valid JSON", e);
    }
  }
}

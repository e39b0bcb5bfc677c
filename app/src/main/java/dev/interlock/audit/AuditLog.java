package dev.interlock.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.ActionJson;
import dev.interlock.action.Origin;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.policy.Decision;
import dev.interlock.policy.DecisionJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The audit log: one SQLite file in WAL mode, one hash-chained table. Writes are serialised on one connection
 * and committed before the call returns (so a reply sent after {@link #recordAction} never outruns its row), except
 * {@link #recordActionLater}, which a background writer commits within milliseconds; rows that arrive together
 * share one transaction (group commit). {@code synchronous=NORMAL} in WAL mode keeps committed rows through a crash of the process, the power-loss
 * window being the last transactions before the OS flushed). Reads use their own connection.
 *
 * <p>Hash chain: each row stores {@code prev_hash} and {@code hash = sha256(prev_hash + canonical content)},
 * where the canonical content is a JSON array of every stored column (id included). {@code chain_head} holds the
 * last id and hash, updated in the same transaction, so deleting rows at the end is detected too; retention
 * records a {@code chain_anchor} (the hash of the last pruned row) and a {@code checkpoint} row in the chain.
 * The chain detects edits made with plain SQL; someone who rewrites every later hash and the head is not
 * detected by the chain alone (there is no external witness).
 */
public final class AuditLog implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, ts, type, kind, summary, action_json, agent, session_id, tool_call_id, "
            + "workspace, policy_verdict, severity, rules_json, notes_json, environment, verdict, decided_by, wait_ms, "
            + "approval_id, reply, ref_id, exit_code, output, prev_hash, hash";

    private final Path file;
    private final SecretMasker masker;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final PreparedStatement updateHead;
    private final PreparedStatement rollup;
    private final PreparedStatement readHead;
    private final PreparedStatement readLast;
    private final PreparedStatement readDataVersion;
    private final PreparedStatement beginImmediate;
    private final PreparedStatement commitStatement;
    private final List<Consumer<AuditRecord>> listeners = new CopyOnWriteArrayList<>();
    private final Checkpointer checkpointer;
    private final GroupCommit commits = new GroupCommit(new ChainStore(), this::notifyListeners);
    private volatile int outputLimit = 4000;
    private long lastId;
    private String lastHash;

    private AuditLog(Path file, SecretMasker masker) {
        this.file = file;
        this.masker = masker;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            writer = connect(file);
            try (Statement s = writer.createStatement()) {
                if (fresh) {
                    s.execute("PRAGMA auto_vacuum = INCREMENTAL");
                }
                s.execute("PRAGMA journal_mode = WAL");
            }
            Migrations.migrate(writer, file.toString());
            insert = writer.prepareStatement("INSERT INTO audit(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            updateHead = writer.prepareStatement("INSERT INTO chain_head(one, last_id, hash) VALUES (1, ?, ?) "
                    + "ON CONFLICT(one) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash");
            rollup = writer.prepareStatement("INSERT INTO audit_rollup(hour, agent, kind, verdict, n) VALUES (?,?,?,?,?) "
                    + "ON CONFLICT(hour, agent, kind, verdict) DO UPDATE SET n = n + excluded.n");
            readHead = writer.prepareStatement("SELECT last_id, hash FROM chain_head WHERE one = 1");
            readLast = writer.prepareStatement("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
            readDataVersion = writer.prepareStatement("PRAGMA data_version");
            beginImmediate = writer.prepareStatement("BEGIN IMMEDIATE");
            commitStatement = writer.prepareStatement("COMMIT");
            refreshHead();
            repairRollup();
            reader = connect(file);
            checkpointer = new Checkpointer(file, writer);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
        } catch (SQLException | IOException e) {
            throw new AuditException(file + ": cannot open the audit log: " + e.getMessage(), e);
        }
    }

    public static AuditLog open(Path file, SecretMasker masker) {
        return new AuditLog(file, masker);
    }

    /** The data directory's {@code interlock.db}, masking with the install key. */
    public static AuditLog open(DataDir dir) {
        try {
            return new AuditLog(dir.database(), SecretMasker.forDataDir(dir));
        } catch (IOException e) {
            throw new AuditException(dir.root() + ": cannot read the install key: " + e.getMessage(), e);
        }
    }

    /** Connections stay in autocommit mode; the writer opens {@code BEGIN IMMEDIATE} itself for each append. */
    private static Connection connect(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("busy_timeout", "15000");
        p.setProperty("foreign_keys", "false");
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
    }

    public Path file() {
        return file;
    }

    public SecretMasker masker() {
        return masker;
    }

    /** Bound on stored output excerpts (settings: outputExcerptChars). */
    public void outputLimit(int chars) {
        outputLimit = Math.max(0, chars);
    }

    /** Told about every row after it is committed (on the writing thread; hop threads yourself). */
    public void addListener(Consumer<AuditRecord> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AuditRecord> listener) {
        listeners.remove(listener);
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** Records an action and how it was resolved; returns the row id once committed. */
    public long recordAction(Action action, Origin origin, Resolution resolution, String reply) {
        return append(resolvedRow(action, origin, resolution, reply));
    }

    /**
     * Queues an action's row and returns at once; a background writer commits it within milliseconds, in the same
     * chain and order as every other row. Only for actions that need no record before they proceed (the guard uses
     * it for read-only requests no rule matched). A result reported for it before it is written still attaches to
     * it. When the write fails, {@link #lastWriteFailed()} says so and the guard stops using this.
     */
    public void recordActionLater(Action action, Origin origin, Resolution resolution, String reply) {
        commits.appendLater(resolvedRow(action, origin, resolution, reply));
    }

    /** True while the most recent write failed (a full disk, a broken file): nothing should be queued blindly. */
    public boolean lastWriteFailed() {
        return commits.lastWriteFailed();
    }

    private Row resolvedRow(Action action, Origin origin, Resolution resolution, String reply) {
        Row r = actionRow("action", action, origin, resolution.decision());
        r.verdict = resolution.verdict().word();
        r.decidedBy = resolution.decidedBy();
        r.waitMs = resolution.waited().toMillis();
        r.approvalId = resolution.approvalId();
        r.reply = masker.maskText(reply);
        return r;
    }

    /**
     * Records how an approval ended when its callers no longer waited for it (a human answer, a timeout, the kill
     * switch), so the timeline shows who decided.
     */
    public long recordAnswer(PendingApproval approval, Resolution resolution) {
        Row r = actionRow("answer", approval.action(), approval.origin(), approval.decision());
        r.verdict = resolution.verdict().word();
        r.decidedBy = resolution.decidedBy();
        r.waitMs = resolution.waited().toMillis();
        r.approvalId = approval.id();
        r.reply = masker.maskText(resolution.reason());
        return append(r);
    }

    /** Attaches what the agent reported after running an action (exit code, output excerpt); returns the row id. */
    public long attachResult(ResultReport report) {
        return append(resultRow(report));
    }

    /**
     * Attaches many results at once (the proxy's upstream statuses): queued together, so they share transactions
     * instead of each taking one. Every report is attempted; returns how many rows were written.
     *
     * @throws AuditException after the others were written, for the first report that could not be
     */
    public int attachResults(List<ResultReport> reports) {
        List<Row> rows = new ArrayList<>(reports.size());
        for (ResultReport r : reports) {
            rows.add(resultRow(r));
        }
        List<GroupCommit.Pending> done = commits.appendAll(rows, GroupCommit.RESULT_LINGER_NANOS);
        int written = 0;
        AuditException first = null;
        for (GroupCommit.Pending p : done) {
            if (p.failed != null) {
                first = first == null ? new AuditException(p.failed.getMessage(), p.failed) : first;
            } else {
                written++;
                notifyListeners(p.written);
            }
        }
        if (first != null) {
            throw first;
        }
        return written;
    }

    private Row resultRow(ResultReport report) {
        Row r = new Row("result");
        r.agent = report.agent() == null ? "unknown" : report.agent();
        r.sessionId = report.sessionId();
        r.toolCallId = report.toolCallId();
        r.exitCode = report.exitCode();
        String out = report.output() == null ? null : masker.maskText(report.output());
        int limit = outputLimit;
        if (out != null && out.length() > limit) {
            out = out.substring(0, limit) + "… [" + (out.length() - limit) + " more chars not kept]";
        }
        r.output = out;
        GroupCommit.Pending queued = report.auditId() > 0 ? null : commits.unwritten(r.callKey());
        if (queued != null) {
            // its action is queued but maybe not written yet: the id is taken when both are written, in order
            r.refPending = queued;
            r.kind = queued.row.kind;
            r.summary = queued.row.summary;
            r.workspace = queued.row.workspace;
            return r;
        }
        long ref = report.auditId() > 0 ? report.auditId() : findAction(r.agent, r.sessionId, r.toolCallId);
        r.refId = ref > 0 ? ref : null;
        if (ref > 0) {
            synchronized (reader) {
                try (PreparedStatement ps = reader.prepareStatement("SELECT kind, summary, workspace FROM audit WHERE id = ?")) {
                    ps.setLong(1, ref);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            r.kind = rs.getString(1);
                            r.summary = rs.getString(2);
                            r.workspace = rs.getString(3);
                        }
                    }
                } catch (SQLException e) {
                    throw new AuditException(file + ": cannot read row " + ref + ": " + e.getMessage(), e);
                }
            }
        }
        return r;
    }

    private long findAction(String agent, String session, String toolCallId) {
        if (toolCallId == null) {
            return 0;
        }
        String sql = "SELECT id FROM audit WHERE agent = ? AND tool_call_id = ? AND type = 'action'"
                + (session == null ? "" : " AND session_id = ?") + " ORDER BY id DESC LIMIT 1";
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                ps.setString(1, agent);
                ps.setString(2, toolCallId);
                if (session != null) {
                    ps.setString(3, session);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": cannot look up tool call " + toolCallId + ": " + e.getMessage(), e);
            }
        }
    }

    private Row actionRow(String type, Action action, Origin origin, Decision d) {
        Row r = new Row(type);
        r.kind = action.kind();
        r.summary = masker.maskText(action.summary());
        r.actionJson = maskedActionJson(action);
        r.agent = origin.agent();
        r.sessionId = origin.sessionId();
        r.toolCallId = origin.toolCallId();
        r.workspace = origin.workspace();
        ObjectNode dj = DecisionJson.toJson(d);
        r.policyVerdict = d.verdict().word();
        r.severity = d.severity().word();
        r.rulesJson = masker.maskText(dj.get("rules").toString());
        ArrayNode notes = JSON.createArrayNode();
        d.notes().forEach(notes::add);
        r.notesJson = masker.maskText(notes.toString());
        r.environment = d.environment();
        return r;
    }

    /** The action as JSON with every credential masked (headers by name, env by name, text by shape). */
    public String maskedActionJson(Action action) {
        return ActionJson.toJson(action, (field, value) -> {
            if (value == null) {
                return null;
            }
            if (field.startsWith("header:")) {
                return masker.maskHeader(field.substring(7), value);
            }
            if (field.startsWith("env:")) {
                return masker.maskNamed(field.substring(4), value);
            }
            return masker.maskText(value);
        }).toString();
    }

    /** One transaction of the chain on the writer connection, for {@link GroupCommit}. */
    private final class ChainStore implements GroupCommit.Store {
        @Override
        public Object lock() {
            return writer;
        }

        @Override
        public void begin() throws SQLException {
            beginAppending();
        }

        @Override
        public AuditRecord append(Row row) throws SQLException {
            return appendLocked(row);
        }

        @Override
        public void commit() throws SQLException {
            commitAppending();
        }

        @Override
        public void rollback() {
            rollbackQuietly();
        }

        @Override
        public String where() {
            return file.toString();
        }
    }

    /** Queues the row with every other caller's (group commit) and returns its id once it is committed. */
    private long append(Row r) {
        GroupCommit.Pending mine = commits.appendAll(List.of(r), 0).get(0);
        if (mine.failed != null) {
            throw mine.failed;
        }
        notifyListeners(mine.written);
        return mine.written.id();
    }

    private static final long HOUR = 3_600_000L;

    private void notifyListeners(AuditRecord rec) {
        for (Consumer<AuditRecord> l : listeners) {
            try {
                l.accept(rec);
            } catch (RuntimeException e) {
                System.err.println("interlock: audit listener failed: " + e);
            }
        }
    }

    /** Appends one row inside the caller's transaction (opened by {@link #beginAppending}; the write lock is held). */
    private record RollupKey(long hour, String agent, String kind, String verdict) {
    }

    /** Rollup counts of the rows appended in the open transaction, written once by {@link #commitAppending}. */
    private final java.util.Map<RollupKey, Long> pendingRollup = new java.util.HashMap<>();

    private AuditRecord appendLocked(Row r) throws SQLException {
        if (r.refPending != null) {
            // written earlier in this or a previous batch (queue order); a failed action leaves its result unattached
            GroupCommit.Pending action = r.refPending;
            r.refId = action.failed == null && action.row.id > 0 ? action.row.id : null;
            r.tail = null;
        }
        r.id = lastId + 1;
        r.ts = System.currentTimeMillis();
        if (r.tail == null) {
            r.tail = ChainHash.tail(r.toRecord(null, null));
        }
        AuditRecord unhashed = r.toRecord(lastHash, null);
        String hash = ChainHash.of(lastHash, r.id, r.ts, r.tail);
        bind(insert, unhashed, r.refId, hash);
        insert.executeUpdate();
        if (r.type.equals("action")) {
            pendingRollup.merge(new RollupKey(r.ts / HOUR * HOUR, nz(r.agent), nz(r.kind), nz(r.verdict)), 1L, Long::sum);
        }
        AuditRecord done = r.toRecord(lastHash, hash);
        lastId = r.id;
        lastHash = hash;
        return done;
    }

    /**
     * Continues from the head recorded in the database, read under the write lock: another process (the offline
     * hook fallback) may have appended since our last write. New rows link to the recorded head even when rows
     * at the end were deleted, so verify still sees the break; ids never reuse an existing one.
     */
    private void refreshHead() throws SQLException {
        long headId = 0;
        String headHash = null;
        try (ResultSet rs = readHead.executeQuery()) {
            if (rs.next()) {
                headId = rs.getLong(1);
                headHash = rs.getString(2);
            }
        }
        long maxId = 0;
        String maxHash = null;
        try (ResultSet rs = readLast.executeQuery()) {
            if (rs.next()) {
                maxId = rs.getLong(1);
                maxHash = rs.getString(2);
            }
        }
        lastHash = headHash != null ? headHash : maxHash != null ? maxHash : GENESIS;
        lastId = Math.max(headId, maxId);
    }

    /**
     * Opens the write transaction and continues the chain from the head recorded in the file, read inside it so no
     * other process can append in between (a rolled-back batch leaves nothing stale behind either).
     */
    private void beginAppending() throws SQLException {
        pendingRollup.clear();
        begin();
        long version = dataVersion();
        if (version != headVersion) {
            refreshHead();
            headVersion = version;
        }
    }

    /**
     * SQLite's count of commits by other connections ({@code PRAGMA data_version}): while it stays put, the head this
     * writer left behind is still the file's, and reading it back can be skipped. -1: read it (after a rollback or a
     * prune, whose in-memory head may be ahead of the file).
     */
    private long headVersion = -1;

    private long dataVersion() throws SQLException {
        try (ResultSet rs = readDataVersion.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Writes the chain head and the rollup once for every row appended in this transaction, then commits. */
    private void commitAppending() throws SQLException {
        updateHead.setLong(1, lastId);
        updateHead.setString(2, lastHash);
        updateHead.executeUpdate();
        for (java.util.Map.Entry<RollupKey, Long> e : pendingRollup.entrySet()) {
            rollup.setLong(1, e.getKey().hour());
            rollup.setString(2, e.getKey().agent());
            rollup.setString(3, e.getKey().kind());
            rollup.setString(4, e.getKey().verdict());
            rollup.setLong(5, e.getValue());
            rollup.executeUpdate();
        }
        pendingRollup.clear();
        commit();
    }

    private void begin() throws SQLException {
        beginImmediate.execute();
    }

    private void commit() throws SQLException {
        commitStatement.execute();
    }

    private void rollbackQuietly() {
        headVersion = -1;
        try (Statement st = writer.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open, or the original error is what matters
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void bind(PreparedStatement ps, AuditRecord r, Long refId, String hash) throws SQLException {
        int i = 1;
        ps.setLong(i++, r.id());
        ps.setLong(i++, r.time().toEpochMilli());
        ps.setString(i++, r.type());
        ps.setString(i++, r.kind());
        ps.setString(i++, r.summary());
        ps.setString(i++, r.actionJson());
        ps.setString(i++, r.agent());
        ps.setString(i++, r.sessionId());
        ps.setString(i++, r.toolCallId());
        ps.setString(i++, r.workspace());
        ps.setString(i++, r.policyVerdict());
        ps.setString(i++, r.severity());
        ps.setString(i++, r.rulesJson());
        ps.setString(i++, r.notesJson());
        ps.setString(i++, r.environment());
        ps.setString(i++, r.verdict());
        ps.setString(i++, r.decidedBy());
        ps.setLong(i++, r.waitMs());
        ps.setString(i++, r.approvalId());
        ps.setString(i++, r.reply());
        if (refId == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setLong(i++, refId);
        }
        if (r.exitCode() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, r.exitCode());
        }
        ps.setString(i++, r.output());
        ps.setString(i++, r.prevHash());
        ps.setString(i, hash);
    }

    /** sha256(prev + canonical content): the canonical content is a JSON array of every column but the hashes. */
    static String hash(String prev, AuditRecord r) {
        return ChainHash.of(prev, r);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** Every row read for display carries the newest result attached to it (exit code, output). */
    private static final String WITH_RESULT = "SELECT a.*, r.exit_code AS r_exit, r.output AS r_output FROM audit a "
            + "LEFT JOIN audit r ON r.id = (SELECT max(x.id) FROM audit x WHERE x.ref_id = a.id AND x.type = 'result') ";

    /** Rows matching the filter, newest first; action rows carry their attached result. */
    public List<AuditRecord> query(AuditFilter filter, int offset, int limit) {
        AuditSql.Where w = AuditSql.where(filter, false);
        String sql = WITH_RESULT + w.sql() + " ORDER BY a.id DESC LIMIT ? OFFSET ?";
        List<AuditRecord> out = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                int i = w.bind(ps);
                ps.setInt(i++, Math.max(0, limit));
                ps.setInt(i, Math.max(0, offset));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs, true));
                    }
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": query failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Keyset paging (what the timeline scrolls with): the rows matching the filter with {@code id < beforeId},
     * newest first. Costs the same at the millionth row as at the first: the bound is a range on the primary key
     * (or on the {@code (column, id)} index of the filter), where {@link #query}'s OFFSET reads and joins every
     * skipped row. {@code Long.MAX_VALUE} starts at the newest row.
     */
    public List<AuditRecord> queryBefore(AuditFilter filter, long beforeId, int limit) {
        return keysetPage(AuditSql.where(filter, false).and("a.id < ?", beforeId), "DESC", limit, false);
    }

    /**
     * The {@code limit} matching rows just above {@code afterId} (the oldest rows with {@code id > afterId}),
     * returned newest first: paging upwards, and new rows for a live view.
     */
    public List<AuditRecord> queryAfter(AuditFilter filter, long afterId, int limit) {
        return keysetPage(AuditSql.where(filter, false).and("a.id > ?", afterId), "ASC", limit, true);
    }

    /** Keyset pages carry the attached results like {@link #query}; only the bound and direction differ. */
    static String keysetSql(AuditSql.Where w, String direction) {
        return WITH_RESULT + w.sql() + " ORDER BY a.id " + direction + " LIMIT ?";
    }

    private List<AuditRecord> keysetPage(AuditSql.Where w, String direction, int limit, boolean reverse) {
        List<AuditRecord> out = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(keysetSql(w, direction))) {
                int i = w.bind(ps);
                ps.setInt(i, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs, true));
                    }
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": query failed: " + e.getMessage(), e);
            }
        }
        if (reverse) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    /**
     * The id of the matching row {@code skip} rows below {@code beforeId} (0 = the first row under it), or 0 when
     * there is none: how the timeline finds where a far page starts when the user drags the scrollbar. It still
     * walks {@code skip} rows, but only their ids (no join, no row decoding), from the nearest known row.
     */
    public long idBefore(AuditFilter filter, long beforeId, long skip) {
        return idAt(AuditSql.where(filter, false).and("a.id < ?", beforeId), "DESC", skip);
    }

    /** Like {@link #idBefore} upwards: the id {@code skip} matching rows above {@code afterId}, or 0. */
    public long idAfter(AuditFilter filter, long afterId, long skip) {
        return idAt(AuditSql.where(filter, false).and("a.id > ?", afterId), "ASC", skip);
    }

    private long idAt(AuditSql.Where w, String direction, long skip) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT a.id FROM audit a " + w.sql() + " ORDER BY a.id "
                    + direction + " LIMIT 1 OFFSET ?")) {
                int i = w.bind(ps);
                ps.setLong(i, Math.max(0, skip));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": query failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * How many matching rows have {@code id <= throughId}, read in one snapshot: the size of a view whose newest
     * row is {@code throughId}, however many rows were appended meanwhile.
     */
    public long countThrough(AuditFilter filter, long throughId) {
        AuditSql.Where newer = AuditSql.where(filter, false).and("a.id > ?", throughId);
        synchronized (reader) {
            try (Statement st = reader.createStatement()) {
                st.execute("BEGIN");
                try {
                    long all = count(filter);
                    try (PreparedStatement ps = reader.prepareStatement("SELECT count(*) FROM audit a " + newer.sql())) {
                        newer.bind(ps);
                        try (ResultSet rs = ps.executeQuery()) {
                            return all - (rs.next() ? rs.getLong(1) : 0);
                        }
                    }
                } finally {
                    st.execute("COMMIT");
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": count failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Every workspace agents acted in (actions only; the file watcher's own rows left out), most recently used
     * first, at most {@code limit}. Reads the whole table: call it off the UI thread.
     */
    public List<WorkspaceUse> workspaces(int limit) {
        String sql = "SELECT workspace, agent, count(*), max(ts), max(id) FROM audit WHERE type = 'action' AND workspace IS NOT NULL "
                + "AND workspace <> '' AND coalesce(agent, '') <> 'watcher' GROUP BY workspace, agent";
        java.util.Map<String, long[]> totals = new java.util.HashMap<>();
        java.util.Map<String, java.util.Map<String, Long>> agents = new java.util.HashMap<>();
        synchronized (reader) {
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    String ws = rs.getString(1);
                    long[] t = totals.computeIfAbsent(ws, k -> new long[3]);
                    t[0] += rs.getLong(3);
                    t[1] = Math.max(t[1], rs.getLong(4));
                    t[2] = Math.max(t[2], rs.getLong(5));
                    agents.computeIfAbsent(ws, k -> new java.util.HashMap<>()).merge(nz(rs.getString(2)), rs.getLong(3), Long::sum);
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": workspace query failed: " + e.getMessage(), e);
            }
        }
        List<WorkspaceUse> out = new ArrayList<>();
        // Most recently used first, by the newest row's id: timestamps of rows written together can be equal.
        List<String> order = new ArrayList<>(totals.keySet());
        order.sort(java.util.Comparator.comparingLong((String ws) -> totals.get(ws)[2]).reversed());
        order.forEach(ws -> {
            long[] t = totals.get(ws);
            out.add(new WorkspaceUse(ws, t[0], Instant.ofEpochMilli(t[1]),
                    agents.get(ws).entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(java.util.Map.Entry::getKey).filter(a -> !a.isEmpty()).toList()));
        });
        return out.size() > limit ? List.copyOf(out.subList(0, Math.max(0, limit))) : out;
    }

    /** The query plan SQLite picks for a keyset page (tests check that it seeks by index, never scans). */
    public List<String> keysetPlan(AuditFilter filter) {
        AuditSql.Where w = AuditSql.where(filter, false).and("a.id < ?", Long.MAX_VALUE);
        List<String> plan = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("EXPLAIN QUERY PLAN " + keysetSql(w, "DESC"))) {
                int i = w.bind(ps);
                ps.setInt(i, 200);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString("detail"));
                    }
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": explain failed: " + e.getMessage(), e);
            }
        }
        return plan;
    }

    public long count(AuditFilter filter) {
        if (filter.equals(AuditFilter.ALL)) {
            // actions from the rollup, plus the few answer/checkpoint rows through their index
            synchronized (reader) {
                try (Statement s = reader.createStatement();
                     ResultSet rs = s.executeQuery("SELECT (SELECT coalesce(sum(n), 0) FROM audit_rollup) + "
                             + "(SELECT count(*) FROM audit WHERE type IN ('answer', 'checkpoint') AND type NOT IN ('action', 'result'))")) {
                    return rs.next() ? rs.getLong(1) : 0;
                } catch (SQLException e) {
                    throw new AuditException(file + ": count failed: " + e.getMessage(), e);
                }
            }
        }
        AuditSql.Where w = AuditSql.where(filter, false);
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT count(*) FROM audit a " + w.sql())) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": count failed: " + e.getMessage(), e);
            }
        }
    }

    /** The row with this id, or null. */
    public AuditRecord get(long id) {
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(WITH_RESULT + "WHERE a.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs, true) : null;
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": read failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Actions per time bucket by final verdict (only {@code action} rows), oldest first. With {@code since} in the
     * filter, empty buckets between it and now (or {@code until}) are included, at most 10,000 of them.
     */
    public List<HistogramBucket> histogram(AuditFilter filter, Duration bucket) {
        long size = Math.max(1000, bucket.toMillis());
        boolean rolled = size % HOUR == 0 && AuditSql.rollupCanServe(filter);
        AuditSql.Where w = rolled ? AuditSql.rollupWhere(filter, HOUR)
                : AuditSql.where(filter.withTypes(java.util.Set.of("action")), false);
        String sql = rolled
                ? "SELECT (a.hour / " + size + ") * " + size + " AS b, a.verdict, sum(a.n) FROM audit_rollup a " + w.sql()
                + " GROUP BY b, a.verdict"
                : "SELECT (a.ts / " + size + ") * " + size + " AS b, a.verdict, count(*) FROM audit a " + w.sql()
                + " GROUP BY b, a.verdict";
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] c = buckets.computeIfAbsent(rs.getLong(1), k -> new long[3]);
                        String v = rs.getString(2);
                        int idx = "allow".equals(v) ? 0 : "ask".equals(v) ? 1 : 2;
                        c[idx] += rs.getLong(3);
                    }
                }
            } catch (SQLException e) {
                throw new AuditException(file + ": histogram failed: " + e.getMessage(), e);
            }
        }
        if (filter.since() != null) {
            long from = filter.since().toEpochMilli() / size * size;
            long to = (filter.until() != null ? filter.until().toEpochMilli() : System.currentTimeMillis()) / size * size;
            if ((to - from) / size <= 10_000) {
                for (long b = from; b <= to; b += size) {
                    buckets.computeIfAbsent(b, k -> new long[3]);
                }
            }
        }
        List<HistogramBucket> out = new ArrayList<>();
        buckets.forEach((b, c) -> out.add(new HistogramBucket(Instant.ofEpochMilli(b), c[0], c[1], c[2])));
        return out;
    }

    private static AuditRecord read(ResultSet rs, boolean joined) throws SQLException {
        Object rawExit = rs.getObject("exit_code");
        Integer exit = rawExit == null ? null : ((Number) rawExit).intValue();
        String output = rs.getString("output");
        if (joined && "action".equals(rs.getString("type"))) {
            Object re = rs.getObject("r_exit");
            exit = re == null ? null : ((Number) re).intValue();
            output = rs.getString("r_output");
        }
        Object ref = rs.getObject("ref_id");
        return new AuditRecord(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("ts")), rs.getString("type"),
                rs.getString("kind"), rs.getString("summary"), rs.getString("action_json"), rs.getString("agent"),
                rs.getString("session_id"), rs.getString("tool_call_id"), rs.getString("workspace"),
                rs.getString("policy_verdict"), rs.getString("severity"), rs.getString("rules_json"),
                rs.getString("notes_json"), rs.getString("environment"), rs.getString("verdict"),
                rs.getString("decided_by"), rs.getLong("wait_ms"), rs.getString("approval_id"), rs.getString("reply"),
                ref == null ? 0 : ((Number) ref).longValue(), exit, output, rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    // ---- verify, export, retention ---------------------------------------------------------------------------

    /** Walks the chain from the latest retention anchor to the head; reports the first broken link. */
    public VerifyReport verify() {
        try (Connection c = connect(file)) {
            return AuditVerifier.verify(c);
        } catch (SQLException e) {
            return new VerifyReport(false, 0, 0, file + ": cannot read: " + e.getMessage());
        }
    }

    /** Verifies a database file without opening it for writing (used by {@code interlock audit verify}). */
    public static VerifyReport verify(Path file) {
        if (!Files.exists(file)) {
            return new VerifyReport(false, 0, 0, file + ": no audit log here");
        }
        try (Connection c = connect(file)) {
            return AuditVerifier.verify(c);
        } catch (SQLException e) {
            return new VerifyReport(false, 0, 0, file + ": cannot read: " + e.getMessage());
        }
    }

    /** Streams every matching row, oldest first, as JSON lines or CSV; returns the number of rows written. */
    public long export(AuditFilter filter, ExportFormat format, Writer out) throws IOException {
        AuditSql.Where w = AuditSql.where(filter, true);
        long n = 0;
        try (Connection c = connect(file);
             PreparedStatement ps = c.prepareStatement("SELECT * FROM audit a " + w.sql() + " ORDER BY a.id")) {
            w.bind(ps);
            ps.setFetchSize(500);
            AuditExport exporter = new AuditExport(format, out);
            exporter.header();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    exporter.row(read(rs, false));
                    n++;
                }
            }
            out.flush();
        } catch (SQLException e) {
            throw new AuditException(file + ": export failed: " + e.getMessage(), e);
        }
        return n;
    }

    /**
     * Deletes rows older than {@code maxAge} (null or zero: no age limit) and the oldest rows while the data
     * exceeds {@code maxBytes} (0: no limit). Records an anchor and a checkpoint row so the chain still verifies.
     */
    public PruneReport prune(Duration maxAge, long maxBytes) {
        synchronized (writer) {
            try {
                long before = usedBytes();
                beginAppending();
                long through = 0;
                if (maxAge != null && !maxAge.isZero() && !maxAge.isNegative()) {
                    long cutoff = System.currentTimeMillis() - maxAge.toMillis();
                    through = scalar("SELECT coalesce(max(id), 0) FROM audit WHERE ts < " + cutoff);
                }
                if (maxBytes > 0 && before > maxBytes) {
                    long rows = scalar("SELECT count(*) FROM audit");
                    long drop = (long) Math.ceil(rows * (1.0 - (maxBytes * 0.9) / before));
                    if (drop > 0) {
                        through = Math.max(through, scalar("SELECT coalesce(max(id), 0) FROM (SELECT id FROM audit ORDER BY id LIMIT " + drop + ")"));
                    }
                }
                if (through <= 0) {
                    rollbackQuietly();
                    return new PruneReport(0, 0, before, before);
                }
                String anchorHash;
                try (PreparedStatement ps = writer.prepareStatement("SELECT hash FROM audit WHERE id = ?")) {
                    ps.setLong(1, through);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            rollbackQuietly();
                            return new PruneReport(0, 0, before, before);
                        }
                        anchorHash = rs.getString(1);
                    }
                }
                long deleted;
                try (PreparedStatement ps = writer.prepareStatement("DELETE FROM audit WHERE id <= ?")) {
                    ps.setLong(1, through);
                    deleted = ps.executeUpdate();
                }
                fixRollupAfterPrune();
                try (PreparedStatement ps = writer.prepareStatement(
                        "INSERT OR REPLACE INTO chain_anchor(through_id, hash, rows, ts) VALUES (?,?,?,?)")) {
                    ps.setLong(1, through);
                    ps.setString(2, anchorHash);
                    ps.setLong(3, deleted);
                    ps.setLong(4, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                Row cp = new Row("checkpoint");
                ObjectNode j = JSON.createObjectNode();
                j.put("throughId", through);
                j.put("hash", anchorHash);
                j.put("rows", deleted);
                cp.actionJson = j.toString();
                cp.summary = "retention removed " + deleted + " rows up to #" + through;
                cp.agent = "interlock";
                AuditRecord checkpoint = appendLocked(cp);
                commitAppending();
                notifyListeners(checkpoint);
                try (Statement s = writer.createStatement()) {
                    s.execute("PRAGMA incremental_vacuum");
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                return new PruneReport(deleted, through, before, usedBytes());
            } catch (SQLException e) {
                rollbackQuietly();
                throw new AuditException(file + ": retention failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The rollup is derived data: when rows were written without it (an older version, a tool, a test fixture
     * inserting rows directly), rebuild it from the rows so counts and charts stay exact.
     */
    private void repairRollup() throws SQLException {
        // counted through the partial indexes (a plain type = 'action' would read every row of the table)
        long actions = scalar("SELECT count(*) FROM audit WHERE type <> 'result'")
                - scalar("SELECT count(*) FROM audit WHERE type NOT IN ('action', 'result')");
        long rolled = scalar("SELECT coalesce(sum(n), 0) FROM audit_rollup");
        if (actions == rolled) {
            return;
        }
        begin();
        try (Statement st = writer.createStatement()) {
            st.executeUpdate("DELETE FROM audit_rollup");
            st.executeUpdate("INSERT INTO audit_rollup(hour, agent, kind, verdict, n) SELECT (ts / 3600000) * 3600000, "
                    + "coalesce(agent, ''), coalesce(kind, ''), coalesce(verdict, ''), count(*) FROM audit "
                    + "WHERE type = 'action' GROUP BY 1, 2, 3, 4");
            commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Drops rollup hours that no longer have rows and recounts the boundary hour exactly. */
    private void fixRollupAfterPrune() throws SQLException {
        long first = scalar("SELECT coalesce(min(ts), -1) FROM audit WHERE type = 'action'");
        try (Statement s = writer.createStatement()) {
            if (first < 0) {
                s.executeUpdate("DELETE FROM audit_rollup");
                return;
            }
            long hour = first / HOUR * HOUR;
            s.executeUpdate("DELETE FROM audit_rollup WHERE hour <= " + hour);
            s.executeUpdate("INSERT INTO audit_rollup(hour, agent, kind, verdict, n) SELECT " + hour + ", coalesce(agent, ''), "
                    + "coalesce(kind, ''), coalesce(verdict, ''), count(*) FROM audit WHERE type = 'action' AND ts >= " + hour
                    + " AND ts < " + (hour + HOUR) + " GROUP BY 2, 3, 4");
        }
    }

    /** Bytes used by live pages (not counting free pages the file still holds). */
    public long usedBytes() {
        try {
            long pages = scalar("PRAGMA page_count");
            long free = scalar("PRAGMA freelist_count");
            long size = scalar("PRAGMA page_size");
            return (pages - free) * size;
        } catch (SQLException e) {
            throw new AuditException(file + ": " + e.getMessage(), e);
        }
    }

    private long scalar(String sql) throws SQLException {
        synchronized (writer) {
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The id of the newest row (0 when empty). */
    public long lastId() {
        synchronized (writer) {
            return lastId;
        }
    }

    @Override
    public void close() {
        commits.close();
        checkpointer.close();
        synchronized (writer) {
            try {
                insert.close();
                updateHead.close();
                rollup.close();
                readHead.close();
                readLast.close();
                readDataVersion.close();
                beginImmediate.close();
                commitStatement.close();
                writer.close();
            } catch (SQLException e) {
                System.err.println("interlock: closing " + file + ": " + e.getMessage());
            }
        }
        synchronized (reader) {
            try {
                reader.close();
            } catch (SQLException e) {
                System.err.println("interlock: closing " + file + ": " + e.getMessage());
            }
        }
    }
}

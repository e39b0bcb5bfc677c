package dev.interlock.policy.sql;

import dev.interlock.policy.Deriver;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.sql.ClientArgs.Piece;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the statements a database client runs: {@code psql -c}, {@code mysql -e}, {@code sqlite3 DB 'SQL'},
 * {@code sqlcmd -Q}, {@code clickhouse-client -q}, {@code duckdb -c}, {@code cockroach sql -e},
 * {@code mongosh --eval}, {@code redis-cli FLUSHALL}, {@code snow sql -q}, {@code bq query}, {@code usql -c},
 * {@code turso db shell DB 'SQL'}, {@code wrangler d1 execute --command}, {@code mycli/litecli -e},
 * {@code aws rds-data/redshift-data … --sql}, {@code az … flexible-server execute --querytext},
 * {@code gcloud spanner databases execute-sql --sql}, {@code heroku pg:psql -c}, {@code prisma db execute --stdin},
 * {@code rails dbconsole}, and a heredoc or here-string fed to any
 * of them. Each statement becomes a {@link SqlSubject} whose spans point into the shell command.
 */
public final class SqlClientDeriver implements Deriver {

    @Override
    public String subjectType() {
        return CommandSubject.TYPE;
    }

    @Override
    public void derive(Subject subject, SubjectSink sink) {
        if (!(subject instanceof CommandSubject c)) {
            return;
        }
        String program = c.program().toLowerCase(Locale.ROOT);
        if (program.endsWith(".exe")) {
            program = program.substring(0, program.length() - 4);
        }
        ClientArgs a = new ClientArgs(c.args(), c.script());
        List<Word> args = c.args();
        String first = args.isEmpty() ? "" : args.get(0).text();
        switch (program) {
            case "psql" -> sql(c, sink, "psql", SqlDialect.POSTGRES,
                    a.values(Set.of("--command"), 'c', "aAbeEHlnqsStxXw01W", Set.of()), true);
            case "mysql", "mariadb" -> sql(c, sink, program, SqlDialect.MYSQL,
                    a.values(Set.of("--execute"), 'e', "BEHNXbcfinqrstvwz", Set.of()), true);
            case "mycli" -> sql(c, sink, program, SqlDialect.MYSQL,
                    a.values(Set.of("--execute"), 'e', "", Set.of()), true);
            case "litecli" -> sql(c, sink, program, SqlDialect.SQLITE,
                    a.values(Set.of("--execute"), 'e', "", Set.of()), true);
            case "sqlite3", "sqlite" -> sqlite(c, a, sink, program, SqlDialect.SQLITE);
            case "duckdb" -> duckdb(c, a, sink);
            case "sqlcmd" -> {
                List<Piece> q = new ArrayList<>(a.values(Set.of("--query"), 'Q', "", Set.of()));
                q.addAll(a.values(Set.of(), 'q', "", Set.of()));
                sql(c, sink, "sqlcmd", SqlDialect.MSSQL, q, true);
            }
            case "clickhouse-client", "clickhouse-local", "chdb" -> sql(c, sink, program, SqlDialect.CLICKHOUSE,
                    a.values(Set.of("--query"), 'q', "nmV", Set.of()), true);
            case "clickhouse" -> {
                if (first.equals("client") || first.equals("local")) {
                    ClientArgs sub = new ClientArgs(args.subList(1, args.size()), c.script());
                    sql(c, sink, "clickhouse " + first, SqlDialect.CLICKHOUSE,
                            sub.values(Set.of("--query"), 'q', "nmV", Set.of()), true);
                }
            }
            case "cockroach" -> {
                if (first.equals("sql") || first.equals("demo")) {
                    ClientArgs sub = new ClientArgs(args.subList(1, args.size()), c.script());
                    sql(c, sink, "cockroach " + first, SqlDialect.POSTGRES,
                            sub.values(Set.of("--execute"), 'e', "", Set.of()), true);
                }
            }
            case "usql" -> sql(c, sink, "usql", SqlDialect.GENERIC,
                    a.values(Set.of("--command"), 'c', "", Set.of()), true);
            case "snow" -> {
                if (first.equals("sql")) {
                    ClientArgs sub = new ClientArgs(args.subList(1, args.size()), c.script());
                    sql(c, sink, "snow sql", SqlDialect.GENERIC, sub.values(Set.of("--query"), 'q', "", Set.of()), true);
                }
            }
            case "bq" -> bigQuery(c, sink);
            case "turso" -> turso(c, sink);
            case "wrangler" -> wrangler(c, sink);
            case "aws" -> {
                if (hasWords(args, "rds-data") || hasWords(args, "redshift-data")) {
                    sql(c, sink, "aws " + (hasWords(args, "rds-data") ? "rds-data" : "redshift-data"),
                            SqlDialect.GENERIC, a.values(Set.of("--sql", "--sqls"), (char) 0, "", Set.of()), false);
                }
            }
            case "az" -> {
                if (hasWords(args, "flexible-server") && (hasWords(args, "execute") || hasWords(args, "connect"))) {
                    SqlDialect d = hasWords(args, "mysql") ? SqlDialect.MYSQL : SqlDialect.POSTGRES;
                    sql(c, sink, "az flexible-server", d, a.values(Set.of("--querytext"), 'q', "", Set.of()), false);
                }
            }
            case "gcloud" -> {
                if (hasWords(args, "spanner") && hasWords(args, "execute-sql")) {
                    sql(c, sink, "gcloud spanner execute-sql", SqlDialect.GENERIC,
                            a.values(Set.of("--sql"), (char) 0, "", Set.of()), false);
                }
            }
            case "heroku" -> {
                if (first.equals("pg:psql")) {
                    sql(c, sink, "heroku pg:psql", SqlDialect.POSTGRES,
                            a.values(Set.of("--command"), 'c', "", Set.of()), true);
                }
            }
            case "prisma" -> {
                if (hasWords(args, "db") && hasWords(args, "execute") && a.has("--stdin")) {
                    sql(c, sink, "prisma db execute", SqlDialect.GENERIC, List.of(), true);
                }
            }
            case "rails" -> {
                if (first.equals("dbconsole") || first.equals("db")) {
                    sql(c, sink, "rails " + first, SqlDialect.GENERIC, List.of(), true);
                }
            }
            case "mongosh", "mongo" -> mongo(c, a, sink, program);
            case "redis-cli", "valkey-cli", "keydb-cli" -> redis(c, sink, program);
            default -> {
            }
        }
    }

    private static boolean hasWords(List<Word> args, String word) {
        for (Word w : args) {
            if (w.text().equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static void sql(CommandSubject c, SubjectSink sink, String client, SqlDialect dialect, List<Piece> pieces,
                            boolean readsStdin) {
        String via = via(c, client);
        for (Piece p : pieces) {
            emit(SqlSubjects.of(p.text(), "sql", dialect, p.origin(), via), p.literal(), sink);
        }
        if (readsStdin && c.stdin() != null) {
            Word in = c.stdin();
            emit(SqlSubjects.of(in.text(), "sql", dialect, in.origin(c.script()), via + " <<"), in.literal(), sink);
        }
    }

    private static void emit(List<SqlSubject> subjects, boolean literal, SubjectSink sink) {
        for (SqlSubject s : subjects) {
            sink.add(literal ? s : markUnresolved(s));
        }
    }

    /**
     * A statement that starts with an expansion the shell analyser could not resolve ({@code "$SQL"},
     * {@code "$(cat x.sql)"}) is unknown text: it is marked so a rule can hold it instead of allowing it.
     */
    static SqlSubject markUnresolved(SqlSubject s) {
        String v = s.verb();
        if (!(v.startsWith("$") || v.startsWith("`"))) {
            return s;
        }
        java.util.EnumSet<SqlKind> kinds = java.util.EnumSet.of(SqlKind.UNRESOLVED);
        kinds.addAll(s.kinds());
        return new SqlSubject(s.language(), s.text(), kinds, s.verb(), s.objectKind(), s.objects(), s.origin(), s.via());
    }

    private static String via(CommandSubject c, String client) {
        StringBuilder sb = new StringBuilder();
        for (String v : c.via()) {
            sb.append(v).append(" → ");
        }
        return sb.append(client).toString();
    }

    /** {@code sqlite3 [OPTIONS] FILENAME [SQL...]}: every word after the file name is SQL or a dot-command. */
    private static final Set<String> SQLITE_VALUE_OPTIONS = Set.of("-cmd", "--cmd", "-init", "--init", "-separator",
            "--separator", "-newline", "--newline", "-nullvalue", "--nullvalue", "-vfs", "--vfs", "-mmap", "--mmap",
            "-maxsize", "--maxsize", "-lookaside", "--lookaside", "-pagecache", "--pagecache", "-heap", "--heap",
            "-escape", "--escape", "-A", "--archive");

    private static void sqlite(CommandSubject c, ClientArgs a, SubjectSink sink, String client, SqlDialect dialect) {
        List<Piece> pieces = new ArrayList<>(a.values(Set.of("--cmd"), (char) 0, "", Set.of("-cmd")));
        List<Word> pos = a.positionals(SQLITE_VALUE_OPTIONS);
        for (int i = 1; i < pos.size(); i++) {
            pieces.add(a.whole(pos.get(i)));
        }
        sql(c, sink, client, dialect, pieces, true);
    }

    private static void duckdb(CommandSubject c, ClientArgs a, SubjectSink sink) {
        List<Piece> pieces = new ArrayList<>(a.values(Set.of(), 'c', "", Set.of("-cmd", "-s")));
        List<Word> pos = a.positionals(Set.of("-c", "-cmd", "-s", "-init", "-separator", "-newline", "-nullvalue"));
        for (int i = 1; i < pos.size(); i++) {
            pieces.add(a.whole(pos.get(i)));
        }
        sql(c, sink, "duckdb", SqlDialect.GENERIC, pieces, true);
    }

    /** {@code bq [global flags] query [flags] 'SQL'}; a {@code --dry_run} only validates, so it runs nothing. */
    private static final Set<String> BQ_VALUE_OPTIONS = Set.of("--destination_table", "--parameter", "--location",
            "--project_id", "--dataset_id", "--format", "--max_rows", "-n", "--job_id", "--label",
            "--maximum_bytes_billed", "--destination_kms_key", "--schedule", "--display_name", "--target_dataset",
            "--udf_resource", "--external_table_definition", "--session_id", "--connection_property",
            "--clustering_fields", "--time_partitioning_field", "--time_partitioning_type", "--range_partitioning",
            "--schema_update_option", "--reservation_id", "--request_id", "--api", "--apilog", "--bigqueryrc",
            "--credential_file", "--service_account", "--job_timeout_ms", "--min_completion_ratio");

    private static void bigQuery(CommandSubject c, SubjectSink sink) {
        ClientArgs a = new ClientArgs(c.args(), c.script());
        List<Word> pos = a.positionals(BQ_VALUE_OPTIONS);
        if (pos.isEmpty() || !pos.get(0).text().equals("query")) {
            return;
        }
        if (a.has("--dry_run")) {
            return;
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 1; i < pos.size(); i++) {
            pieces.add(a.whole(pos.get(i)));
        }
        sql(c, sink, "bq query", SqlDialect.BIGQUERY, pieces, true);
    }

    /** {@code turso db shell DATABASE [SQL]}. */
    private static void turso(CommandSubject c, SubjectSink sink) {
        ClientArgs a = new ClientArgs(c.args(), c.script());
        List<Word> pos = a.positionals(Set.of("--instance", "--location", "-l"));
        if (pos.size() >= 2 && pos.get(0).text().equals("db") && pos.get(1).text().equals("shell")) {
            List<Piece> pieces = new ArrayList<>();
            for (int i = 3; i < pos.size(); i++) {
                pieces.add(a.whole(pos.get(i)));
            }
            sql(c, sink, "turso db shell", SqlDialect.SQLITE, pieces, true);
        }
    }

    /** {@code wrangler d1 execute DATABASE --command SQL}. */
    private static void wrangler(CommandSubject c, SubjectSink sink) {
        ClientArgs a = new ClientArgs(c.args(), c.script());
        List<Word> pos = a.positionals(Set.of("--command", "--file", "--env", "-e", "--config", "-c", "--persist-to"));
        if (pos.size() >= 2 && pos.get(0).text().equals("d1") && pos.get(1).text().equals("execute")) {
            sql(c, sink, "wrangler d1 execute", SqlDialect.SQLITE, a.values(Set.of("--command"), (char) 0, "", Set.of()),
                    false);
        }
    }

    private static void mongo(CommandSubject c, ClientArgs a, SubjectSink sink, String client) {
        String via = via(c, client);
        for (Piece p : a.values(Set.of("--eval"), (char) 0, "", Set.of())) {
            emit(MongoClassifier.classify(p.text(), p.origin(), via), p.literal(), sink);
        }
        if (c.stdin() != null) {
            emit(MongoClassifier.classify(c.stdin().text(), c.stdin().origin(c.script()), via + " <<"),
                    c.stdin().literal(), sink);
        }
    }

    /** redis-cli options that take a value (from {@code redis-cli --help}). */
    private static final Set<String> REDIS_VALUE_OPTIONS = Set.of("-h", "-p", "-t", "-s", "-a", "-u", "-r", "-i",
            "-n", "-d", "-D", "-X", "--user", "--pass", "--cacert", "--cacertdir", "--cert", "--key", "--tls-ciphers",
            "--tls-ciphersuites", "--sni", "--pattern", "--quoted-pattern", "--count", "--rdb", "--functions-rdb",
            "--pipe-timeout", "--intrinsic-latency", "--lru-test", "--memkeys-samples", "--eval", "--cluster",
            "--keystats-samples", "--top");

    private static void redis(CommandSubject c, SubjectSink sink, String client) {
        String via = via(c, client);
        List<Word> args = c.args();
        ClientArgs a = new ClientArgs(args, c.script());
        for (Piece p : a.values(Set.of("--eval"), (char) 0, "", Set.of())) {
            // --eval FILE: the script is in a file we cannot see; its name still says nothing. Nothing to add.
            sink.note("redis-cli --eval runs the Lua file " + p.text() + ", which is not inspected");
        }
        List<Word> command = a.positionals(REDIS_VALUE_OPTIONS);
        boolean fromInput = c.pipedInput() || c.via().stream().anyMatch(v -> v.startsWith("xargs") || v.startsWith("parallel"));
        if (!command.isEmpty() && !a.has("--eval")) {
            Word firstWord = command.get(0);
            Word lastWord = command.get(command.size() - 1);
            List<String> words = command.stream().map(Word::text).toList();
            boolean keysFromInput = words.size() == 1 && fromInput;
            TextOrigin origin = new TextOrigin("command", firstWord.start(), lastWord.end(), true, c.script());
            SqlSubject s = RedisClassifier.command(words, keysFromInput, origin, via);
            sink.add(firstWord.literal() ? s : markUnresolved(s));
        } else if (c.stdin() != null) {
            emit(RedisClassifier.script(c.stdin().text(), c.stdin().origin(c.script()), via + " <<"),
                    c.stdin().literal(), sink);
        }
    }
}

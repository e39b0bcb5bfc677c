package dev.interlock.policy.sql;

/**
 * How a client lexes SQL text. Where the dialect is unknown ({@link #GENERIC}), the classifier reads the text
 * both the standard way and the MySQL way and keeps every destructive statement either reading finds, so a
 * quoting trick aimed at one reading cannot hide a statement.
 */
public enum SqlDialect {
    GENERIC(false, false, true, true, false),
    POSTGRES(false, false, true, true, false),
    MYSQL(true, true, false, false, false),
    SQLITE(false, false, false, false, true),
    MSSQL(false, false, false, false, true),
    BIGQUERY(true, true, false, false, false),
    CLICKHOUSE(true, true, false, false, false);

    final boolean hashComments;
    final boolean backslashEscapes;
    final boolean dollarQuotes;
    final boolean psqlMeta;
    final boolean bracketIdentifiers;

    SqlDialect(boolean hashComments, boolean backslashEscapes, boolean dollarQuotes, boolean psqlMeta,
               boolean bracketIdentifiers) {
        this.hashComments = hashComments;
        this.backslashEscapes = backslashEscapes;
        this.dollarQuotes = dollarQuotes;
        this.psqlMeta = psqlMeta;
        this.bracketIdentifiers = bracketIdentifiers;
    }
}
